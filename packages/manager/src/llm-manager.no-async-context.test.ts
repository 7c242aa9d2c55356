import { AsyncLocalStorage } from 'node:async_hooks';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { drain, startManagerFixture, type ManagerFixture } from './__tests__/manager-fixture';
import { ask, routingToml } from './__tests__/routing-config';
import type { ManagerEvents } from './manager-events';

let fixture: ManagerFixture | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await fixture?.close();
  fixture = undefined;
});

/** The JavaScript a package ships (ESM and CJS), file by file. */
async function builtFiles(pkg: string): Promise<Array<[file: string, text: string]>> {
  const dist = path.resolve(import.meta.dirname, '..', '..', pkg, 'dist');
  const names = (await readdir(dist)).filter((name) => /\.(c?js|mjs)$/.test(name));
  return Promise.all(
    names.map(async (name) => [name, await readFile(path.join(dist, name), 'utf8')] as const),
  ) as Promise<Array<[string, string]>>;
}

const RETRY = routingToml('[llm.retry]\nbase_delay = 1\nmax_delay = 2\n');

/** Every event of the names given, in the order the manager emitted them. */
function collect<Name extends keyof ManagerEvents>(names: readonly Name[]) {
  const seen: { name: Name; payload: Record<string, unknown> }[] = [];
  for (const name of names)
    fixture!.manager.on(name, ((payload: Record<string, unknown>) =>
      seen.push({ name, payload })) as never);
  return seen;
}

describe('no async context on the call path', () => {
  it('ships a manager, a retry and a router that never import node:async_hooks', async () => {
    for (const pkg of ['manager', 'retry', 'router']) {
      const files = await builtFiles(pkg);
      expect(files.length).toBeGreaterThan(0);
      for (const [file, text] of files) {
        expect({ file, imports: /async_hooks|AsyncLocalStorage/.test(text) }).toEqual({
          file,
          imports: false,
        });
      }
    }
  });

  it('enters no AsyncLocalStorage in a chat and a stream that retry after a 503 and fall back, and each event names its call', async () => {
    const run = vi.spyOn(AsyncLocalStorage.prototype, 'run');
    const enterWith = vi.spyOn(AsyncLocalStorage.prototype, 'enterWith');
    fixture = await startManagerFixture({ extraToml: RETRY });
    fixture.simulator.script(
      { match: { model: 'gpt-4o' }, error: { status: 503 }, times: 3 },
      { match: { model: 'gpt-4o' }, reply: { text: 'from the fallback', model: 'gpt-4o' } },
      { match: { model: 'gpt-4o' }, error: { status: 503 }, times: 3 },
      { match: { model: 'gpt-4o' }, reply: { text: 'streamed fallback', model: 'gpt-4o' } },
    );
    const events = collect(['retry', 'give-up', 'fallback', 'attempt-end'] as const);

    const response = await fixture.manager.chatCompletion(ask('smart'), {
      callId: 'chat-1',
      requestId: 'req-1',
    });
    expect(response.content).toBe('from the fallback');
    await drain(
      fixture.manager.streamCompletion(ask('smart'), { callId: 'stream-1', requestId: 'req-2' }),
    );

    expect(run).not.toHaveBeenCalled();
    expect(enterWith).not.toHaveBeenCalled();
    for (const [callId, requestId] of [
      ['chat-1', 'req-1'],
      ['stream-1', 'req-2'],
    ] as const) {
      const ofCall = events.filter((event) => event.payload['call_id'] === callId);
      expect(ofCall.filter((event) => event.name === 'retry').length).toBeGreaterThan(0);
      expect(ofCall.filter((event) => event.name === 'give-up')).toHaveLength(1);
      const fallback = ofCall.find((event) => event.name === 'fallback')!.payload;
      expect(fallback).toMatchObject({ from: 'openai/gpt-4o', to: 'backup/gpt-4o' });
      // Each pipeline and router event names the call and the attempt it followed.
      let last: Record<string, unknown> | undefined;
      for (const { name, payload } of ofCall) {
        if (name === 'attempt-end') {
          last = payload;
          continue;
        }
        expect(payload).toMatchObject({
          call_id: callId,
          request_id: requestId,
          provider: last!['provider'],
          model: 'gpt-4o',
          attempt: last!['attempt'],
        });
      }
      expect(ofCall.at(-1)).toMatchObject({
        name: 'attempt-end',
        payload: { provider: 'backup', outcome: 'success' },
      });
      // The pipeline's and the router's own `origin` is the manager's: users get the call's fields.
      for (const event of ofCall) expect(event.payload).not.toHaveProperty('origin');
    }
    expect(events.every((event) => typeof event.payload['call_id'] === 'string')).toBe(true);
  });
});
