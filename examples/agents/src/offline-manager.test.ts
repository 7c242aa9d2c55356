import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { LLMError, LLMErrorType } from '@llm/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isMain, runAsScript } from './offline-manager';

const run = promisify(execFile);
const dist = path.join(import.meta.dirname, '../dist');

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('running an example as a script', () => {
  it('prints each line the example writes and leaves the exit code at success', async () => {
    let stdout = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((text: string | Uint8Array) => {
      stdout += String(text);
      return true;
    });
    runAsScript(async (write) => {
      write('first');
      write('second');
    });
    await vi.waitFor(() => expect(stdout).toBe('first\nsecond\n'));
    expect(process.exitCode).toBeUndefined();
  });

  it('reports a failing example on stderr with its message and exits 1', async () => {
    let stderr = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((text: string | Uint8Array) => {
      stderr += String(text);
      return true;
    });
    runAsScript(() =>
      Promise.reject(
        new LLMError({ type: LLMErrorType.NETWORK_ERROR, message: 'no route', retryable: true }),
      ),
    );
    await vi.waitFor(() => expect(stderr).toBe('example failed: no route\n'));
    expect(process.exitCode).toBe(1);
    runAsScript(() => Promise.reject('a plain value'));
    await vi.waitFor(() => expect(stderr).toContain('example failed: a plain value\n'));
  });

  it('knows the module node was started with', () => {
    const argv = process.argv;
    try {
      process.argv = [argv[0]!, '/examples/weather-agent.js'];
      expect(isMain('file:///examples/weather-agent.js')).toBe(true);
      expect(isMain('file:///examples/chat-with-memory.js')).toBe(false);
      process.argv = [argv[0]!];
      expect(isMain('file:///examples/weather-agent.js')).toBe(false);
    } finally {
      process.argv = argv;
    }
  });

  // One static import per script, so the bundler sees each module it loads.
  const scripts: Record<string, () => Promise<unknown>> = {
    'weather-agent': () => import('./weather-agent'),
    'structured-extraction': () => import('./structured-extraction'),
    'chat-with-memory': () => import('./chat-with-memory'),
  };

  it.each([
    ['weather-agent', 'answer: Paris is sunny'],
    ['structured-extraction', 'invoice: {"vendor":"ACME GmbH"'],
    ['chat-with-memory', 'kept in the window: true'],
  ])('%s runs itself when it is the module node was started with', async (name, expected) => {
    let stdout = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((text: string | Uint8Array) => {
      stdout += String(text);
      return true;
    });
    const argv = process.argv;
    process.argv = [argv[0]!, fileURLToPath(new URL(`./${name}.ts`, import.meta.url))];
    try {
      vi.resetModules();
      await scripts[name]!();
      await vi.waitFor(() => expect(stdout).toContain(expected), { timeout: 15_000 });
      expect(process.exitCode).toBeUndefined();
    } finally {
      process.argv = argv;
    }
  });

  // The built scripts are what the README tells a user to run: each one, in its own node process.
  it.each([
    ['weather-agent.js', /^step 1: get_weather[\s\S]*answer: .*24 degrees warmer[\s\S]*3 steps, /],
    ['structured-extraction.js', /^invoice: \{"vendor":"ACME GmbH","total":1250,/],
    ['chat-with-memory.js', /^kept in the window: true\n[\s\S]*last answer: /],
  ])('node dist/%s runs offline, prints its lines and exits 0', async (script, expected) => {
    const { stdout, stderr } = await run(process.execPath, [path.join(dist, script)], {
      timeout: 20_000,
    });
    expect(stdout).toMatch(expected);
    expect(stderr).toBe('');
  });
});
