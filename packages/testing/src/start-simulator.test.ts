import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIError } from 'openai';
import { APIConnectionError } from 'openai';
import { describe, expect, it, vi } from 'vitest';
import { startSimulator } from './start-simulator';
import { openaiClient } from './__tests__/clients';

const request = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hi' }] };

describe('startSimulator', () => {
  it('listens on 127.0.0.1 on a random port and derives the SDK base URLs', async () => {
    const first = await startSimulator();
    const second = await startSimulator();
    try {
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(first.url).not.toBe(second.url);
      expect(first.openaiBaseURL).toBe(`${first.url}/v1`);
      expect(first.anthropicBaseURL).toBe(first.url);
      expect(first.azureEndpoint).toBe(first.url);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('closes promptly while a request hangs, failing that request', async () => {
    const simulator = await startSimulator();
    simulator.script({ fault: 'hang' });
    const call = openaiClient(simulator)
      .chat.completions.create(request)
      .catch((error: unknown) => error);
    await vi.waitFor(() => expect(simulator.requests).toHaveLength(1));
    const started = Date.now();
    await simulator.close();
    expect(Date.now() - started).toBeLessThan(500);
    expect(await call).toBeInstanceOf(APIConnectionError);
  });

  it('can be closed twice', async () => {
    const simulator = await startSimulator();
    await simulator.close();
    await expect(simulator.close()).resolves.toBeUndefined();
  });

  it('throws at script time for a replay file that does not exist, naming its path', async () => {
    const simulator = await startSimulator();
    try {
      expect(() => simulator.script({ replay: 'openai/no-such-file.sse' })).toThrow(
        join(simulator.wireDir ?? '', 'openai/no-such-file.sse'),
      );
    } finally {
      await simulator.close();
    }
  });

  it('answers 500 naming the path when a scripted replay file disappears', async () => {
    const wireDir = mkdtempSync(join(tmpdir(), 'llm-sim-replay-'));
    writeFileSync(join(wireDir, 'gone.json'), '{}');
    const simulator = await startSimulator({ wireDir });
    try {
      simulator.script({ replay: 'gone.json' });
      rmSync(join(wireDir, 'gone.json'));
      const failure = await openaiClient(simulator)
        .chat.completions.create(request)
        .catch((error: unknown) => error);
      expect((failure as APIError).status).toBe(500);
      expect((failure as APIError).message).toContain(join(wireDir, 'gone.json'));
    } finally {
      await simulator.close();
      rmSync(wireDir, { recursive: true, force: true });
    }
  });

  it.each([
    [{ reply: { text: 'a' }, replay: 'x.sse' }, 'give either reply or replay'],
    [{ times: 0 }, 'times must be'],
    [{ error: { status: 99 } }, 'error.status must be an HTTP status'],
    [{ reply: { text: 'a' }, error: { status: 500 } }, 'needs fault "mid-stream-error"'],
  ])('rejects the invalid step %j', async (step, message) => {
    const simulator = await startSimulator();
    try {
      expect(() => simulator.script(step)).toThrow(message);
    } finally {
      await simulator.close();
    }
  });
});
