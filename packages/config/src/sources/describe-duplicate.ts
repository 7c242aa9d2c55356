import { formatConfigPath } from '../issues/config-path';
import type { ConfigIssue } from '../issues/config-issue';
import type { DuplicateKey } from './source-locations';

const KIND_BY_PARENT: Readonly<Record<string, string>> = { models: 'model', providers: 'provider' };

/** `model "gpt-4" is defined twice (first at line 12)` for a key a file defines twice. */
export function describeDuplicate(duplicate: DuplicateKey, file: string): ConfigIssue {
  const key = String(duplicate.path[duplicate.path.length - 1]);
  const kind = KIND_BY_PARENT[String(duplicate.path[duplicate.path.length - 2])];
  const subject = kind ? `${kind} "${key}"` : `key "${key}"`;
  return {
    path: formatConfigPath(duplicate.path),
    message: `${subject} is defined twice (first at line ${duplicate.first.line})`,
    file,
    line: duplicate.position.line,
    column: duplicate.position.column,
  };
}
