import type { ConfigPath } from '../issues/config-path';
import type { IssueDraft } from '../issues/issue-draft';
import { isTable } from '../pipeline/is-table';
import { providerEntries, type SemanticCheck } from './check-context';

function zeroTimeouts(timeouts: unknown, path: ConfigPath): IssueDraft[] {
  if (!isTable(timeouts)) return [];
  return Object.entries(timeouts)
    .filter(([, value]) => value === 0)
    .map(([key]) => ({
      path: [...path, key],
      message: 'must be greater than 0 (a zero timeout would fail every call)',
    }));
}

/** `[llm.timeouts]` and per-provider `timeouts` must be positive; the schema already rejects negatives. */
export const checkTimeouts: SemanticCheck = ({ llm }) => [
  ...zeroTimeouts(llm.timeouts, ['llm', 'timeouts']),
  ...providerEntries(llm).flatMap(([name, provider]) =>
    zeroTimeouts(provider.timeouts, ['llm', 'providers', name, 'timeouts']),
  ),
];
