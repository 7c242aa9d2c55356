import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import { callEnd } from './__tests__/call-events';
import { createDefaultLogger, isLogLevel } from './default-logger';
import { subscribeLogs } from './structured-logs';

function sink(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, lines };
}

describe('createDefaultLogger', () => {
  it('writes JSON lines at warn and above by default', () => {
    const { stream, lines } = sink();
    const logger = createDefaultLogger({ destination: stream });
    logger.info({ a: 1 }, 'quiet');
    logger.warn({ a: 2 }, 'loud');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 40, a: 2, msg: 'loud', name: 'llm' });
  });

  it('censors keys and authorization headers by path', () => {
    const { stream, lines } = sink();
    const logger = createDefaultLogger({ level: 'info', destination: stream });
    logger.info(
      {
        api_key: 'sk-secret-1',
        provider: { api_key: 'sk-secret-2', headers: { authorization: 'Bearer abc' } },
      },
      'config',
    );
    expect(lines[0]).not.toContain('sk-secret');
    expect(lines[0]).not.toContain('Bearer abc');
    expect(JSON.parse(lines[0]!)).toMatchObject({ api_key: '***', provider: { api_key: '***' } });
  });

  it('knows pino level names only', () => {
    expect(isLogLevel('debug')).toBe(true);
    expect(isLogLevel('verbose')).toBe(false);
  });

  it('lets the log subscriber skip a line below its level, following a level changed later', () => {
    const { stream, lines } = sink();
    const logger = createDefaultLogger({ destination: stream });
    const source = new EventEmitter();
    let secretReads = 0;
    subscribeLogs(source, {
      logger,
      secrets: () => {
        secretReads += 1;
        return [];
      },
    });
    source.emit('call-end', callEnd());
    expect(lines).toHaveLength(0);
    expect(secretReads).toBe(0);
    logger.level = 'debug';
    source.emit('call-end', callEnd());
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 20,
      event: 'call-end',
      msg: 'call finished',
    });
    expect(secretReads).toBe(1);
  });
});
