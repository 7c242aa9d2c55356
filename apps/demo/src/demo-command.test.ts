import { LLMError, LLMErrorType } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { DEMO_USAGE, demoCommand, parseDemoArguments } from './demo-command';

function io(env: Record<string, string | undefined> = {}) {
  const printed = { stdout: '', stderr: '' };
  return {
    printed,
    io: {
      stdout: (text: string) => void (printed.stdout += text),
      stderr: (text: string) => void (printed.stderr += text),
      env,
    },
  };
}

describe('the demo command line', () => {
  it('reads --real and --help, and ignores the -- that `pnpm demo -- --real` passes on', () => {
    expect(parseDemoArguments([])).toEqual({ real: false, help: false });
    expect(parseDemoArguments(['--', '--real'])).toEqual({ real: true, help: false });
    expect(parseDemoArguments(['-h'])).toEqual({ real: false, help: true });
  });

  it('refuses an unknown flag or a stray word with an invalid_request LLMError naming it', () => {
    for (const [argv, named] of [
      [['--reel'], '--reel'],
      [['now'], 'now'],
    ] as const) {
      const error = (() => {
        try {
          parseDemoArguments(argv);
        } catch (caught) {
          return caught;
        }
      })();
      expect(LLMError.is(error)).toBe(true);
      expect(error).toMatchObject({ type: LLMErrorType.INVALID_REQUEST });
      expect((error as LLMError).message).toContain(named);
    }
  });

  it('exits 2 on a command-line mistake, with the usage on stderr and nothing run', async () => {
    const { printed, io: streams } = io();
    expect(await demoCommand(['--reel'], streams)).toBe(2);
    expect(printed.stderr).toMatch(/^demo: .*--reel/);
    expect(printed.stderr).toContain(DEMO_USAGE);
    expect(printed.stdout).toBe('');
  });

  it('prints the usage on stdout for --help and exits 0', async () => {
    const { printed, io: streams } = io();
    expect(await demoCommand(['--help'], streams)).toBe(0);
    expect(printed.stdout).toBe(DEMO_USAGE);
    expect(printed.stdout).toMatch(/--real {6}call the real providers/);
  });

  it('runs --real with the given environment: no key, exit 1 and what to set', async () => {
    const { printed, io: streams } = io({});
    expect(await demoCommand(['--', '--real'], streams)).toBe(1);
    expect(printed.stdout).toMatch(/--real needs OPENAI_API_KEY or ANTHROPIC_API_KEY/);
  });

  it('reports a demo that throws on stderr as "demo failed" and exits 1', async () => {
    const { printed, io: streams } = io();
    const failing = () =>
      Promise.reject(
        new LLMError({
          type: LLMErrorType.NETWORK_ERROR,
          message: 'no loopback',
          retryable: false,
        }),
      );
    expect(await demoCommand([], streams, failing)).toBe(1);
    expect(printed.stderr).toBe('demo failed: no loopback\n');
    expect(await demoCommand([], streams, () => Promise.reject('plain'))).toBe(1);
    expect(printed.stderr).toContain('demo failed: plain\n');
  });
});
