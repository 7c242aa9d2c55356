import { hasErrorIdentity, markErrorIdentity } from '@llm/core';
import type { ConfigIssue } from './config-issue';
import { formatConfigIssues } from './format-config-issues';

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
