import type { ConfigIssue } from '../issues/config-issue';

/** File issues first, by file then line and column; issues from other sources keep their order after them. */
export function sortIssues(issues: readonly ConfigIssue[]): ConfigIssue[] {
  const rank = (issue: ConfigIssue) => (issue.file ? 0 : 1);
  return [...issues].sort(
    (left, right) =>
      rank(left) - rank(right) ||
      (left.file ?? '').localeCompare(right.file ?? '') ||
      (left.line ?? Number.MAX_SAFE_INTEGER) - (right.line ?? Number.MAX_SAFE_INTEGER) ||
      (left.column ?? 0) - (right.column ?? 0),
  );
}
