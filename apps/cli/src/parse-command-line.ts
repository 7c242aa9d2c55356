// A command's arguments, parsed by commander. Commander's own messages are replaced by ours
// (`unknown option --modle (did you mean --model?)`, `--model needs a value`), which name the
// option the way a person typed it and reuse core's one did-you-mean rule.
import { Command as Commander, Option, type CommanderError } from 'commander';
import { closestMatch } from '@llm/core';
import { CommandLineError, type Command, type OptionSpec, type ParsedArgs } from './command';

/** `-5`, `-0.5`, `-.5`, `-1e3`: a value, not an option. */
const NEGATIVE_NUMBER = /^-(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function looksLikeOption(token: string): boolean {
  return token.startsWith('-') && token !== '-' && !NEGATIVE_NUMBER.test(token);
}

function flagsOf(name: string, spec: OptionSpec[string]): string {
  const short = spec.short ? `-${spec.short}, ` : '';
  const value = spec.type === 'string' ? ` <${spec.valueName ?? 'value'}>` : '';
  return `${short}--${name}${value}`;
}

/** The commander program of one command: its options with their help text, our error messages. */
export function commanderFor(command: Command): Commander {
  const program = new Commander(`llm ${command.name}`)
    .usage(command.usage)
    .description(`${command.summary}.`)
    .helpOption(false)
    .allowExcessArguments(true)
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined })
    .exitOverride((error) => {
      throw translate(error, command.options);
    });
  for (const [name, spec] of Object.entries(command.options)) {
    const option = new Option(flagsOf(name, spec), spec.description);
    if (spec.type === 'string')
      option.argParser((value: string, previous: unknown) => {
        if (spec.multiple) return [...((previous as string[] | undefined) ?? []), value];
        if (previous !== undefined) throw new CommandLineError(`--${name} is given more than once`);
        return value;
      });
    program.addOption(option);
  }
  return program;
}

/** Commander's failure as the message a person reads. */
function translate(error: CommanderError, options: OptionSpec): CommandLineError {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  if (error.code === 'commander.unknownOption') {
    const [written, ...value] = quoted.split('=');
    const name = written!.replace(/^--?/, '');
    if (value.length > 0 && options[name]?.type === 'boolean')
      return new CommandLineError(`--${name} is a switch and takes no value`, { cause: error });
    const match = written!.startsWith('--') ? closestMatch(name, Object.keys(options)) : undefined;
    return new CommandLineError(
      `unknown option ${written}${match ? ` (did you mean --${match}?)` : ''}`,
      { cause: error },
    );
  }
  if (error.code === 'commander.optionMissingArgument') {
    const long = /--[\w-]+/.exec(quoted)?.[0] ?? quoted;
    return new CommandLineError(`${long} needs a value`, { cause: error });
  }
  return new CommandLineError(error.message.replace(/^error: /, ''), { cause: error });
}

/**
 * Commander takes the word after a string option as its value whatever it is; a person who wrote
 * `--model --json` forgot the value, so that is refused (`--model=--json` passes it on purpose).
 */
function refuseOptionAsValue(argv: readonly string[], options: OptionSpec): void {
  for (let index = 0; index < argv.length; index++) {
    const token = argv[index]!;
    if (token === '--') return;
    const name = token.startsWith('--')
      ? token.includes('=')
        ? undefined
        : token.slice(2)
      : token.length === 2 && token.startsWith('-')
        ? Object.entries(options).find(([, spec]) => spec.short === token[1])?.[0]
        : undefined;
    if (name === undefined || options[name]?.type !== 'string') continue;
    const value = argv[index + 1];
    if (value !== undefined && looksLikeOption(value))
      throw new CommandLineError(
        `--${name} needs a value (got the option ${value}; write --${name}=${value} for a value starting with "-")`,
      );
    index++;
  }
}

/** The `--help` text of a command: its usage line, what it does, and every option with its description. */
export function commandHelp(command: Command): string {
  return commanderFor(command)
    .helpInformation()
    .replace(/^Usage:/, 'usage:');
}

/** Parses `argv` (the words after the command's name) against the command's options. */
export function parseCommandLine(command: Command, argv: readonly string[]): ParsedArgs {
  refuseOptionAsValue(argv, command.options);
  const program = commanderFor(command);
  program.parse([...argv], { from: 'user' });
  const parsedOptions = program.opts();
  const values: ParsedArgs['values'] = {};
  for (const option of program.options) {
    const value = parsedOptions[option.attributeName()] as ParsedArgs['values'][string];
    if (value !== undefined) values[option.negate ? option.attributeName() : option.name()] = value;
  }
  const positionals = program.args;
  const allowed = command.positionals ?? Infinity;
  if (values['help'] !== true && positionals.length > allowed) {
    const extra = positionals.slice(allowed).map((word) => `"${word}"`);
    throw new CommandLineError(
      allowed === 0
        ? `llm ${command.name} takes no arguments (got ${extra.join(', ')})`
        : `llm ${command.name} takes ${allowed} argument${allowed === 1 ? '' : 's'}; unexpected ${extra.join(', ')}`,
    );
  }
  return { values, positionals };
}
