import { appendFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '@llm/core';
import { CallLog, callLogEntry } from './call-log';
import { createUsageTracker } from './usage-tracker';
import { MemoryUsageStore } from '../store/memory-usage-store';
import { temporaryDirectory } from '../__tests__/temporary-directory';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1, 12);

const input = (callId: string, timestamp = NOW) => ({
  call_id: callId,
  timestamp,
  operation: 'chat' as const,
  request: {
    model: 'm',
    messages: [{ role: 'user', content: 'hello' }],
    api_key: 'sk-abcdefghijkl',
  },
  content: 'answer',
  outcome: 'success',
});

describe('callLogEntry', () => {
  it('keeps the messages and answer, scans secrets out and caps each text', () => {
    const entry = callLogEntry(
      {
        ...input('c'),
        request: {
          model: 'm',
          messages: [{ role: 'user', content: `secret-value-1 ${'y'.repeat(50)}`, api_key: 'k' }],
        },
        content: 'z'.repeat(50),
        error_message: 'failed: secret-value-1',
      },
      { maxContentBytes: 20, secrets: () => ['secret-value-1'] },
    );
    expect(entry).toMatchObject({
      call_id: 'c',
      model: 'm',
      truncated: true,
      messages: [{ role: 'user', api_key: '***' }],
      error_message: 'failed: ***',
    });
    const message = (entry.messages as Array<{ content: string }>)[0]!.content;
    expect(message.startsWith('*** y')).toBe(true);
    expect(Buffer.byteLength(entry.answer!)).toBeLessThanOrEqual(20);
  });

  it('logs the input of an embeddings call, and nothing for a request that is no object', () => {
    expect(
      callLogEntry({ ...input('e'), operation: 'embedding', request: { model: 'e', input: ['a'] } })
        .messages,
    ).toEqual(['a']);
    const bare = callLogEntry({ ...input('x'), request: 'nonsense', content: undefined });
    expect(bare.messages).toBeUndefined();
    expect(bare.answer).toBeUndefined();
  });
});

describe('CallLog', () => {
  it('finds an entry by call id across day files, skipping a torn line', async () => {
    const directory = temporaryDirectory('call-log-');
    const log = new CallLog({ directory });
    await log.append(input('old', NOW - 3 * DAY));
    await log.append(input('new'));
    await appendFile(join(directory, 'calls', `calls-2026-12-01.jsonl`), '{"call_id":"torn');
    expect((await log.get('old'))?.timestamp).toBe(NOW - 3 * DAY);
    expect((await log.get('new'))?.answer).toBe('answer');
    expect(await log.get('torn')).toBeUndefined();
    expect(await readdir(join(directory, 'calls'))).toEqual([
      'calls-2026-11-28.jsonl',
      'calls-2026-12-01.jsonl',
    ]);
    expect(await log.cleanup(NOW, 2)).toBe(1);
    expect(await log.get('old')).toBeUndefined();
    expect(await log.get('new')).toBeDefined();
    await log.close();
  });

  it('answers undefined before anything was written, and keeps entries in memory without a folder', async () => {
    expect(
      await new CallLog({ directory: temporaryDirectory('call-log-') }).get('x'),
    ).toBeUndefined();
    const memory = new CallLog();
    await memory.append(input('a', NOW - 5 * DAY));
    await memory.append(input('b'));
    expect((await memory.get('b'))?.call_id).toBe('b');
    expect(await memory.cleanup(NOW, 1)).toBe(1);
    expect(await memory.get('a')).toBeUndefined();
  });

  it('rejects the append whose write failed, and later appends still work', async () => {
    const directory = temporaryDirectory('call-log-');
    await writeFile(join(directory, 'calls'), 'a file where the folder should be');
    const log = new CallLog({ directory });
    await expect(log.append(input('a'))).rejects.toThrow();
    await expect(log.get('a')).resolves.toBeUndefined();
  });
});

describe('UsageTracker call log', () => {
  it('records and returns a call with its usage record; a failing write is only logged', async () => {
    const clock = createManualClock(NOW);
    const warnings: string[] = [];
    const tracker = createUsageTracker({
      store: new MemoryUsageStore(),
      clock,
      flushOnExit: false,
      logger: { debug() {}, info() {}, warn: (message) => void warnings.push(message), error() {} },
    });
    await tracker.recordCall(input('c1'));
    await tracker.recordUsage({
      model_name: 'm',
      provider_name: 'p',
      timestamp: NOW,
      request_id: 'c1',
      prompt_tokens: 1,
      completion_tokens: 1,
      total_tokens: 2,
      success: true,
      response_time: 5,
    });
    expect(await tracker.getCall('c1')).toMatchObject({
      answer: 'answer',
      record: { request_id: 'c1' },
    });
    await tracker.recordCall(input('c2'));
    expect((await tracker.getCall('c2'))?.record).toBeUndefined();
    expect(await tracker.getCall('none')).toBeUndefined();
    await tracker.close();
    expect(warnings).toEqual([]);

    const directory = temporaryDirectory('call-log-');
    await writeFile(join(directory, 'calls'), 'not a folder');
    const broken = createUsageTracker({
      dataDir: directory,
      clock,
      flushOnExit: false,
      logger: { debug() {}, info() {}, warn: (message) => void warnings.push(message), error() {} },
    });
    await broken.recordCall(input('c3'));
    expect(warnings).toEqual(['Call log: an entry could not be written']);
    await broken.close();
  });
});
