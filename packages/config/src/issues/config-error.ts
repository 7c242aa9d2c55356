import { hasErrorIdentity, markErrorIdentity } from '@llm/core';
import { isAbsolute, relative } from 'node:path';

/** One problem found in the configuration. Values are never included: they may be secrets. */
export interface ConfigIssue {
  /** Dotted path of the offending key, e.g. `llm.providers.openai.timeout` (empty for a whole file). */
  path: string;
  message: string;
  /** The file the key was read from (config, overrides, price or .env file). */
  file?: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
  /** Where the value came from when not a file: `environment variable LLM_…`, `code (options.config)`, `runtime change`. */
  source?: string;
  /** The closest valid key or value, for probable typos. */
  suggestion?: string;
}

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
function formatConfigIssue(issue: ConfigIssue, options: FormatConfigIssuesOptions = {}): string {
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

const CONFIG_ERROR_IDENTITY = '@llm/config-error';

/**
 * The configuration is invalid: `issues` lists every problem found (all at once), each with its
 * dotted path and, for files, line and column. Identify it with `ConfigError.is(value)`, which works
 * across duplicate installs of @llm/config where `instanceof` does not.
 */
export class ConfigError extends Error {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[], options: { cause?: unknown } = {}) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(`Invalid LLM configuration (${count}):\n${formatConfigIssues(issues)}`, options);
    this.name = 'ConfigError';
    this.issues = Object.freeze(issues.map((issue) => Object.freeze({ ...issue })));
    markErrorIdentity(this, CONFIG_ERROR_IDENTITY);
  }

  static is(value: unknown): value is ConfigError {
    return hasErrorIdentity(value, CONFIG_ERROR_IDENTITY);
  }
}
