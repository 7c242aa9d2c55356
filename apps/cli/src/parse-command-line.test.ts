import { describe, expect, it } from 'vitest';
import { COMMON_OPTIONS, CommandLineError, type Command } from './command';
import { parseCommandLine } from './parse-command-line';

const command: Command = {
  name: 'try',
  summary: 'a command for the parser tests',
  usage: '',
  options: {
    ...COMMON_OPTIONS,
    model: { type: 'string', short: 'm', description: 'the model' },
    'max-tokens': { type: 'string', description: 'a limit' },
    json: { type: 'boolean', description: 'JSON output' },
    by: { type: 'string', multiple: true, description: 'groupings' },
  },
  run: () => Promise.resolve(0),
};

function mistake(argv: string[], positionals?: number): string {
  try {
    parseCommandLine({ ...command, positionals }, argv);
  } catch (error) {
    expect(CommandLineError.is(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error(`parsed without a mistake: ${argv.join(' ')}`);
}

describe('parseCommandLine', () => {
  it('says unknown option --modle (did you mean --model?) instead of the parser text', () => {
    expect(mistake(['hi', '--modle', 'gpt-4o'])).toBe(
      'unknown option --modle (did you mean --model?)',
    );
    expect(mistake(['--colour'])).toBe('unknown option --colour');
    expect(mistake(['-x'])).toBe('unknown option -x');
  });

  it('takes a negative number as the value of a string option', () => {
    expect(parseCommandLine(command, ['--max-tokens', '-5', 'hi']).values['max-tokens']).toBe('-5');
    expect(parseCommandLine(command, ['-m', '-0.5']).values['model']).toBe('-0.5');
    expect(parseCommandLine(command, ['--max-tokens=-5']).values['max-tokens']).toBe('-5');
  });

  it('keeps a negative number in the positionals and every positional in order', () => {
    const parsed = parseCommandLine(command, ['-3', '--json', 'degrees', '--model', 'x', 'now']);
    expect(parsed.positionals).toEqual(['-3', 'degrees', 'now']);
    expect(parsed.values).toMatchObject({ json: true, model: 'x' });
  });

  it('says a string option needs a value rather than taking the next option as it', () => {
    expect(mistake(['--model'])).toBe('--model needs a value');
    expect(mistake(['--model', '--json'])).toMatch(
      /^--model needs a value \(got the option --json;/,
    );
  });

  it('refuses a single option given twice and a value for a switch', () => {
    expect(mistake(['--model', 'a', '--model', 'b'])).toBe('--model is given more than once');
    expect(mistake(['--json=yes'])).toBe('--json is a switch and takes no value');
  });

  it('keeps every value of a repeatable option, in order', () => {
    expect(parseCommandLine(command, ['--by', 'day', '--by', 'model']).values['by']).toEqual([
      'day',
      'model',
    ]);
  });

  it('expands grouped short switches', () => {
    expect(parseCommandLine(command, ['-hm', 'x']).values).toMatchObject({
      help: true,
      model: 'x',
    });
  });

  it('refuses more positional arguments than the command takes', () => {
    expect(mistake(['a', 'b'], 1)).toBe('llm try takes 1 argument; unexpected "b"');
    expect(mistake(['a'], 0)).toBe('llm try takes no arguments (got "a")');
  });
});
