import { describe, expect, it } from 'vitest';
import { CommandLineError } from './command';

describe('CommandLineError', () => {
  it('is recognised by its marker, also on a copy made by another install of the CLI', () => {
    const error = new CommandLineError('--by takes model or day');
    expect(CommandLineError.is(error)).toBe(true);
    expect(error.name).toBe('CommandLineError');
    const foreign = Object.assign(new Error('x'), {
      [Symbol.for('@llm/cli/command-line-error')]: true,
    });
    expect(CommandLineError.is(foreign)).toBe(true);
  });

  it('is not an ordinary Error or a plain object', () => {
    expect(CommandLineError.is(new Error('--by takes model or day'))).toBe(false);
    expect(CommandLineError.is({ name: 'CommandLineError' })).toBe(false);
    expect(CommandLineError.is(undefined)).toBe(false);
  });
});
