// A command's arguments: Node's util.parseArgs, after a first pass that gives the mistakes a
// person makes readable messages (unknown options with a suggestion, a missing value, an option
// given twice) and lets a string option take a negative number (`--max-tokens -5`).
import { parseArgs } from 'node:util';
import { closestMatch } from '@llm/core';
import { CommandLineError, type Command, type OptionSpec, type ParsedArgs } from './command';

/** `-5`, `-0.5`, `-.5`, `-1e3`: a value, not an option. */
const NEGATIVE_NUMBER = /^-(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function suggestion(name: string, options: OptionSpec): string {
  const match = closestMatch(name, Object.keys(options));
  return match ? ` (did you mean --${match}?)` : '';
}

function longNameOf(token: string, options: OptionSpec): string | undefined {
  if (token.startsWith('--')) return token.slice(2).split('=')[0];
  const short = token[1];
  return Object.entries(options).find(([, spec]) => spec.short === short)?.[0];
}

/**
 * Rewrites `--name value` of string options to `--name=value` (so a value may start with `-`
 * when it is a number) and refuses unknown options, missing values and repeated single options.
 */
function normalize(argv: readonly string[], options: OptionSpec): string[] {
  const args = [...argv];
  const out: string[] = [];
  // Positionals go after a final `--`, so one that looks like a negative number stays a positional.
  const positionals: string[] = [];
  const seen = new Set<string>();
  for (let index = 0; index < args.length; index++) {
    const token = args[index]!;
    if (token === '--') {
      positionals.push(...args.slice(index + 1));
      break;
    }
    if (!token.startsWith('-') || token === '-' || NEGATIVE_NUMBER.test(token)) {
      positionals.push(token);
      continue;
    }
    const isLong = token.startsWith('--');
    const name = longNameOf(token, options);
    const spec = name === undefined ? undefined : options[name];
    if (!spec || name === undefined) {
      const written = isLong ? token.split('=')[0]! : `-${token[1]}`;
      throw new CommandLineError(
        `unknown option ${written}${isLong ? suggestion(written.slice(2), options) : ''}`,
      );
    }
    const inlineValue = isLong
      ? token.includes('=')
        ? token.slice(token.indexOf('=') + 1)
        : undefined
      : token.length > 2
        ? token.slice(2).replace(/^=/, '')
        : undefined;
    if (spec.type === 'boolean') {
      // `-hd`: several short switches in one word.
      if (!isLong && inlineValue !== undefined) {
        args.splice(index, 1, ...[...token.slice(1)].map((letter) => `-${letter}`));
        index--;
        continue;
      }
      if (inlineValue !== undefined)
        throw new CommandLineError(`--${name} is a switch and takes no value`);
      out.push(`--${name}`);
      continue;
    }
    if (!spec.multiple && seen.has(name))
      throw new CommandLineError(`--${name} is given more than once`);
    seen.add(name);
    if (inlineValue !== undefined) {
      out.push(`--${name}=${inlineValue}`);
      continue;
    }
    const value = args[index + 1];
    if (
      value === undefined ||
      (value.startsWith('-') && value !== '-' && !NEGATIVE_NUMBER.test(value))
    )
      throw new CommandLineError(
        value === undefined
          ? `--${name} needs a value`
          : `--${name} needs a value (got the option ${value}; write --${name}=${value} for a value starting with "-")`,
      );
    out.push(`--${name}=${value}`);
    index++;
  }
  return [...out, '--', ...positionals];
}

/** Parses `argv` (the words after the command's name) against the command's options. */
export function parseCommandLine(command: Command, argv: readonly string[]): ParsedArgs {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: normalize(argv, command.options),
      options: command.options,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // The first pass catches what people get wrong; anything left is still a command-line mistake.
    if (
      error instanceof TypeError &&
      'code' in error &&
      String(error.code).startsWith('ERR_PARSE_ARGS')
    )
      throw new CommandLineError(error.message.split('\n')[0]!, { cause: error });
    throw error;
  }
  const positionals = parsed.positionals;
  const allowed = command.positionals ?? Infinity;
  if (parsed.values['help'] !== true && positionals.length > allowed) {
    const extra = positionals.slice(allowed).map((word) => `"${word}"`);
    throw new CommandLineError(
      allowed === 0
        ? `llm ${command.name} takes no arguments (got ${extra.join(', ')})`
        : `llm ${command.name} takes ${allowed} argument${allowed === 1 ? '' : 's'}; unexpected ${extra.join(', ')}`,
    );
  }
  return { values: parsed.values as ParsedArgs['values'], positionals };
}
