import { isAbsolute, relative } from 'node:path';
import type { ConfigIssue } from './config-issue';

export interface FormatConfigIssuesOptions {
  /** Print file names relative to this directory when they are inside it. */
  cwd?: string;
}

function displayFile(file: string, cwd: string | undefined): string {
  if (!cwd || !isAbsolute(file)) return file;
  const relativePath = relative(cwd, file);
  return relativePath && !relativePath.startsWith('..') && !isAbsolute(relativePath)
    ? relativePath
    : file;
}

function location(issue: ConfigIssue, cwd: string | undefined): string | undefined {
  if (issue.file) {
    const position = issue.line ? `:${issue.line}${issue.column ? `:${issue.column}` : ''}` : '';
    return `${displayFile(issue.file, cwd)}${position}`;
  }
  return issue.source;
}

/** One line per issue: `file:line:col  path  message (did you mean "x"?)`; parts that are unknown are left out. */
export function formatConfigIssue(
  issue: ConfigIssue,
  options: FormatConfigIssuesOptions = {},
): string {
  const suggestion = issue.suggestion ? ` (did you mean "${issue.suggestion}"?)` : '';
  return [location(issue, options.cwd), issue.path || undefined, `${issue.message}${suggestion}`]
    .filter((part) => part !== undefined)
    .join('  ');
}

export function formatConfigIssues(
  issues: readonly ConfigIssue[],
  options: FormatConfigIssuesOptions = {},
): string {
  return issues.map((issue) => formatConfigIssue(issue, options)).join('\n');
}
