import { describe, expect, it } from 'vitest';
import { drain, recordingLogger } from './test-helpers';

describe('test helpers', () => {
  it('drains a stream and keeps the error that ended it after the chunks that arrived', async () => {
    async function* broken() {
      yield 'a';
      yield 'b';
      throw new Error('dropped');
    }
    const result = await drain(broken());
    expect(result.chunks).toEqual(['a', 'b']);
    expect((result.error as Error).message).toBe('dropped');
  });

  it('records every log line with its level and fields', () => {
    const logger = recordingLogger();
    logger.warn('slow', { ms: 5 });
    logger.debug('detail');
    expect(logger.lines).toEqual([
      { level: 'warn', message: 'slow', fields: { ms: 5 } },
      { level: 'debug', message: 'detail', fields: undefined },
    ]);
  });
});
