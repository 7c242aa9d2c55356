import type { ConfigPath } from '../issues/config-path';
import type { IssueDraft } from '../issues/issue-draft';
import { isTable } from '../pipeline/is-table';
import { providerEntries, type SemanticCheck } from './check-context';

function delays(retry: unknown, path: ConfigPath): IssueDraft[] {
  if (
    !isTable(retry) ||
    typeof retry.base_delay !== 'number' ||
    typeof retry.max_delay !== 'number'
  )
    return [];
  if (retry.max_delay >= retry.base_delay) return [];
  return [
    {
      path: [...path, 'max_delay'],
      message: `must be at least base_delay (${retry.base_delay} ms)`,
    },
  ];
}

/** A retry's `max_delay` cannot be below its `base_delay`. */
export const checkRetryDelays: SemanticCheck = ({ llm }) => [
  ...delays(llm.retry, ['llm', 'retry']),
  ...providerEntries(llm).flatMap(([name, provider]) =>
    delays(provider.retry, ['llm', 'providers', name, 'retry']),
  ),
];
