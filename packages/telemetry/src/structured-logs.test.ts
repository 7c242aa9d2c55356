import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { callEnd, failedAttemptEnd } from './__tests__/call-events';
import { subscribeLogs, type StructuredLogger } from './structured-logs';

type Line = { level: string; fields: Record<string, unknown>; message: string };

function recordingLogger(): { logger: StructuredLogger; lines: Line[] } {
  const lines: Line[] = [];
  const at = (level: string) => (fields: Record<string, unknown>, message: string) =>
    void lines.push({ level, fields, message });
  return {
    lines,
    logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') },
  };
}

const KEY = 'sk-live-abcdefghijklmnop';

describe('subscribeLogs', () => {
  it('writes a retry at info with the call id, provider, model, attempt and delay', () => {
    const source = new EventEmitter();
    const { logger, lines } = recordingLogger();
    subscribeLogs(source, { logger });
    source.emit('retry', {
      call_id: 'c1',
      request_id: 'c1',
      provider: 'openai',
      model: 'gpt-4o',
      attempt: 1,
      delayMs: 250,
      error: { type: 'server_error', statusCode: 503 },
    });
    expect(lines).toEqual([
      {
        level: 'info',
        message: 'retrying openai/gpt-4o after server_error',
        fields: {
          call_id: 'c1',
          event: 'retry',
          provider: 'openai',
          model: 'gpt-4o',
          attempt: 1,
          delay_ms: 250,
          error_type: 'server_error',
          status: 503,
        },
      },
    ]);
  });

  it('reads the call id of events that spell it callId (fallback)', () => {
    const source = new EventEmitter();
    const { logger, lines } = recordingLogger();
    subscribeLogs(source, { logger });
    source.emit('fallback', { callId: 'c2', from: 'a/m', to: 'b/m', errorType: 'timeout' });
    expect(lines[0]).toMatchObject({
      level: 'info',
      fields: { call_id: 'c2', from: 'a/m', to: 'b/m', error_type: 'timeout' },
    });
  });

  it('writes an opened circuit and a refused rate limit at warn, a rate-limit wait at info', () => {
    const source = new EventEmitter();
    const { logger, lines } = recordingLogger();
    subscribeLogs(source, { logger });
    source.emit('breaker-state', { provider: 'p', from: 'closed', to: 'open', reason: 'failures' });
    source.emit('breaker-state', { provider: 'p', model: 'm', from: 'open', to: 'half-open' });
    source.emit('rate-limited', { provider: 'p', waitMs: 40, rejected: false, limit: 'rpm' });
    source.emit('rate-limited', { provider: 'p', waitMs: 0, rejected: true });
    source.emit('timeout', { provider: 'p', kind: 'attempt', timeoutMs: 10, attempt: 2 });
    source.emit('budget-warning', { name: 'daily', spent: '2' });
    source.emit('ledger-degraded', { reason: 'disk full' });
    source.emit('config-change', { added: ['x'], removed: [], modified: [], source: 'file' });
    expect(lines.map((line) => [line.level, line.message])).toEqual([
      ['warn', 'circuit of p is open'],
      ['info', 'circuit of p/m is half-open'],
      ['info', 'waiting 40 ms for the rate limit of p'],
      ['warn', 'rate limit of p refused a call'],
      ['info', 'attempt timeout of p'],
      ['warn', 'a warn budget is exceeded'],
      ['warn', 'the usage ledger cannot be written'],
      ['info', 'configuration reloaded'],
    ]);
  });

  it('writes a failed call at error and an aborted one at info; a success only at debug', () => {
    const source = new EventEmitter();
    const { logger, lines } = recordingLogger();
    subscribeLogs(source, { logger });
    const end = {
      call_id: 'c',
      operation: 'chat',
      stream: false,
      provider: 'p',
      model: 'm',
      duration_ms: 5,
      attempts: 1,
    };
    source.emit('call-end', { ...end, outcome: 'auth', error_message: `bad key ${KEY}` });
    source.emit('call-end', { ...end, outcome: 'aborted' });
    source.emit('call-end', {
      ...end,
      outcome: 'success',
      usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
      cost_decimal: '0.001',
      currency: 'USD',
      content: 'hidden without debug',
    });
    expect(lines.map((line) => line.level)).toEqual(['error', 'info', 'debug']);
    expect(lines[0]!.fields['error_message']).toBe('bad key ***');
    expect(lines[2]!.fields).toMatchObject({ prompt_tokens: 3, cost: '0.001' });
    expect(lines[2]!.fields['content']).toBeUndefined();
  });

  it('in debug mode adds a line per attempt and the request and answer, scanned and cut', () => {
    const source = new EventEmitter();
    const { logger, lines } = recordingLogger();
    subscribeLogs(source, { logger, debug: true, secrets: () => [KEY], maxContentBytes: 40 });
    source.emit('call-start', {
      call_id: 'c',
      request_id: 'r',
      operation: 'chat',
      stream: false,
      model: 'm',
      request: { messages: [{ role: 'user', content: `use ${KEY} please, and a long tail` }] },
    });
    source.emit('attempt-start', { call_id: 'c', attempt: 1, provider: 'p', model: 'm' });
    source.emit('attempt-end', {
      call_id: 'c',
      attempt: 1,
      provider: 'p',
      model: 'm',
      outcome: 'success',
      duration_ms: 3,
    });
    source.emit('cache-miss', { call_id: 'c', model: 'm', key_hash: 'abc' });
    source.emit('cache-hit', { call_id: 'c', model: 'm', key_hash: 'abc' });
    source.emit('call-end', callEnd({ content: 'the answer' }));
    expect(lines.map((line) => line.message)).toEqual([
      'call started',
      'attempt 1 to p/m',
      'attempt 1 ended: success',
      'not in the cache',
      'answered from the cache',
      'call finished',
    ]);
    const request = String(lines[0]!.fields['request']);
    expect(request).not.toContain(KEY);
    expect(Buffer.byteLength(request)).toBeLessThanOrEqual(40);
    expect(request.endsWith('…')).toBe(true);
    expect(lines[0]!.fields['request_id']).toBe('r');
    expect(lines[5]!.fields['content']).toBe('the answer');
  });

  it('builds and scans no line below the logger level, and reads the secrets once per written line', () => {
    const source = new EventEmitter();
    const { logger, lines } = recordingLogger();
    let level = 'warn';
    const order = ['debug', 'info', 'warn', 'error'];
    let secretReads = 0;
    // pino's shape: the four methods and its level check.
    const levelled = {
      ...logger,
      isLevelEnabled: (wanted: string) => order.indexOf(wanted) >= order.indexOf(level),
    };
    subscribeLogs(source, {
      logger: levelled,
      debug: true,
      secrets: () => {
        secretReads += 1;
        return [KEY];
      },
    });
    const end = callEnd({ content: `an answer quoting ${KEY}` });
    source.emit('call-start', { ...end, request: { messages: [] } });
    source.emit('attempt-start', {
      call_id: 'c',
      request_id: 'c',
      attempt: 1,
      provider: 'p',
      model: 'm',
    });
    source.emit('call-end', end);
    source.emit('retry', { provider: 'p', attempt: 1 });
    expect(lines).toHaveLength(0);
    expect(secretReads).toBe(0);
    source.emit('call-end', { ...end, outcome: 'server_error', error_message: `503 for ${KEY}` });
    expect(lines.map((line) => line.level)).toEqual(['error']);
    expect(secretReads).toBe(1);
    expect(JSON.stringify(lines)).not.toContain(KEY);
    level = 'debug';
    source.emit('call-end', end);
    expect(lines.map((line) => line.level)).toEqual(['error', 'debug']);
    expect(lines[1]!.fields['content']).toBe('an answer quoting ***');
    expect(secretReads).toBe(2);
  });

  it('in debug mode writes each attempt with the request it sent and the answer it got, redacted and cut', () => {
    const source = new EventEmitter();
    const { logger, lines } = recordingLogger();
    subscribeLogs(source, { logger, debug: true, secrets: () => [KEY], maxContentBytes: 400 });
    const ids = { call_id: 'call-1', request_id: 'req-1' };
    const request = {
      extra_headers: { authorization: 'Bearer abcdefghijklmnopqrstuv', 'x-trace': 'keep-me' },
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: `You are terse. Internal key ${KEY}.` },
        {
          role: 'user',
          content: `Fetch https://example.test/v1?key=AIzaSyExample123 for me ${'x'.repeat(600)}`,
        },
      ],
      temperature: 0,
      max_tokens: 64,
    };
    const response = {
      id: 'chatcmpl-1',
      model: 'gpt-4o-2024-08-06',
      provider: 'openai',
      content: 'Done.',
      finish_reason: 'stop',
      usage: { prompt_tokens: 31, completion_tokens: 2, total_tokens: 33 },
    };
    source.emit('attempt-start', {
      ...ids,
      attempt: 1,
      provider: 'openai',
      model: 'gpt-4o',
      request,
    });
    source.emit('attempt-end', failedAttemptEnd({ ...ids, duration_ms: 12 }));
    source.emit('attempt-start', {
      ...ids,
      attempt: 2,
      provider: 'backup',
      model: 'gpt-4o',
      request,
    });
    source.emit('attempt-end', {
      ...ids,
      attempt: 2,
      provider: 'backup',
      model: 'gpt-4o',
      outcome: 'success',
      duration_ms: 20,
      response,
    });
    expect(lines.map((line) => [line.level, line.message])).toEqual([
      ['debug', 'attempt 1 to openai/gpt-4o'],
      ['debug', 'attempt 1 ended: server_error'],
      ['debug', 'attempt 2 to backup/gpt-4o'],
      ['debug', 'attempt 2 ended: success'],
    ]);
    for (const line of lines)
      expect(line.fields).toMatchObject({ call_id: 'call-1', request_id: 'req-1' });
    const sent = lines[0]!.fields['request'] as string;
    expect(typeof sent).toBe('string');
    expect(Buffer.byteLength(sent)).toBeLessThanOrEqual(400);
    expect(sent.endsWith('…')).toBe(true);
    expect(sent).toContain('Internal key ***');
    expect(sent).not.toContain(KEY);
    expect(sent).toContain('keep-me');
    expect(sent).toContain('key=***');
    expect(lines[1]!.fields).toMatchObject({
      outcome: 'server_error',
      status: 503,
      duration_ms: 12,
    });
    expect(lines[1]!.fields['response']).toBeUndefined();
    expect(JSON.parse(lines[3]!.fields['response'] as string)).toEqual(response);
    const all = JSON.stringify(lines);
    expect(all).not.toContain(KEY);
    expect(all).not.toContain('abcdefghijklmnopqrstuv');
    expect(all).not.toContain('AIzaSyExample123');
  });

  it('stops writing once unsubscribed, and a throwing logger never reaches the emitter', () => {
    const source = new EventEmitter();
    const { logger, lines } = recordingLogger();
    const stop = subscribeLogs(source, { logger });
    stop();
    source.emit('retry', { provider: 'p', attempt: 1 });
    expect(lines).toHaveLength(0);
    const broken = () => {
      throw new Error('disk full');
    };
    subscribeLogs(source, { logger: { debug: broken, info: broken, warn: broken, error: broken } });
    expect(() => source.emit('retry', { provider: 'p', attempt: 1 })).not.toThrow();
  });

  it('detaches with removeListener when the source has no off()', () => {
    const listeners = new Map<string, unknown>();
    const source = {
      on: (event: string, listener: unknown) => listeners.set(event, listener),
      removeListener: (event: string) => listeners.delete(event),
    };
    const stop = subscribeLogs(source, { logger: recordingLogger().logger });
    expect(listeners.size).toBeGreaterThan(0);
    stop();
    expect(listeners.size).toBe(0);
  });
});
