import type { ParseArgsConfig } from 'node:util';
import { hasErrorIdentity, markErrorIdentity } from '@llm/core';

const COMMAND_LINE_ERROR_IDENTITY = '@llm/cli/command-line-error';

/**
 * A mistake in how a command was called (a missing argument, an unknown option, a bad value):
 * printed with the command's usage line, exit code 2.
 */
export class CommandLineError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'CommandLineError';
    markErrorIdentity(this, COMMAND_LINE_ERROR_IDENTITY);
  }

  static is(value: unknown): value is CommandLineError {
    return hasErrorIdentity(value, COMMAND_LINE_ERROR_IDENTITY);
  }
}

/** Where a command writes and what it sees; tests pass their own. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  /** Option values by long name; an option declared `multiple` gives every value in order. */
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** One `llm` subcommand. */
export interface Command {
  /** Words after `llm`, e.g. `usage summary`. */
  readonly name: string;
  readonly summary: string;
  /** Usage line after `llm <name>`. */
  readonly usage: string;
  readonly options: OptionSpec;
  /** How many positional arguments it takes (default: any number). */
  readonly positionals?: number;
  run(args: ParsedArgs, io: CliIO): Promise<number>;
}

/** Options every command accepts. */
export const COMMON_OPTIONS: OptionSpec = {
  config: { type: 'string', short: 'c' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};
