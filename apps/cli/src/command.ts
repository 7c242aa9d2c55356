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
  /** Whether stdout is a terminal: colours, progress bars and the REPL need one. Default false. */
  stdoutIsTTY?: boolean;
  /** Whether stderr is a terminal. Default false. */
  stderrIsTTY?: boolean;
  /** False when text is piped into stdin (read with `readStdin`). Default true: nothing piped. */
  stdinIsTTY?: boolean;
  /** The terminal the REPL reads and writes (process.stdin/stdout); absent in most tests. */
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** Everything piped into stdin, read once when a command asks for it. */
  readStdin?: () => Promise<string>;
}

/** One option of a command: its kind, its one-letter form, and the sentence `--help` shows for it. */
export interface OptionDefinition {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** A string option given several times keeps every value, in order. */
  readonly multiple?: boolean;
  readonly description: string;
  /** The placeholder in `--help`, e.g. `<model>`; default `<value>`. */
  readonly valueName?: string;
}

export type OptionSpec = Readonly<Record<string, OptionDefinition>>;

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
  config: {
    type: 'string',
    valueName: 'file',
    description:
      'config file (default: $LLM_CONFIG, ./llm.toml, then $XDG_CONFIG_HOME/llm/llm.toml)',
  },
  'no-color': { type: 'boolean', description: 'plain output without colours (also NO_COLOR=1)' },
  debug: { type: 'boolean', description: 'print the stack trace of a failure' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
};
