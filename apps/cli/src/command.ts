import type { ParseArgsConfig } from 'node:util';

/** Where a command writes and what it sees; tests pass their own. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
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
  run(args: ParsedArgs, io: CliIO): Promise<number>;
}

/** Options every command accepts. */
export const COMMON_OPTIONS: OptionSpec = {
  config: { type: 'string', short: 'c' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};
