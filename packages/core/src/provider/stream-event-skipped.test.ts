import { describe, expect, it, vi } from 'vitest';
import {
  STREAM_EVENT_EXCERPT_LIMIT,
  reportSkippedStreamEvent,
  type StreamEventSkippedInfo,
} from './stream-event-skipped';

const event = { provider: 'openai', model: 'gpt-4o', index: 3, reason: 'invalid_json' as const };

describe('reportSkippedStreamEvent', () => {
  it('calls the hook once with the event facts and a scrubbed excerpt', () => {
    const hook = vi.fn<(info: StreamEventSkippedInfo) => void>();
    reportSkippedStreamEvent(hook, { ...event, data: '{"key":"sk-secret-value" oops' }, [
      'sk-secret-value',
    ]);
    expect(hook).toHaveBeenCalledTimes(1);
    expect(hook.mock.calls[0]?.[0]).toEqual({ ...event, excerpt: '{"key":"***" oops' });
  });

  it(`cuts the excerpt to ${STREAM_EVENT_EXCERPT_LIMIT} characters`, () => {
    const hook = vi.fn<(info: StreamEventSkippedInfo) => void>();
    reportSkippedStreamEvent(hook, { ...event, data: 'x'.repeat(1000) }, []);
    const excerpt = hook.mock.calls[0]?.[0].excerpt ?? '';
    expect(excerpt).toHaveLength(STREAM_EVENT_EXCERPT_LIMIT);
    expect(excerpt.endsWith('…')).toBe(true);
  });

  it('logs a warning with the same facts', () => {
    const lines: Array<{ message: string; fields: unknown }> = [];
    const logger = {
      error: () => undefined,
      info: () => undefined,
      debug: () => undefined,
      warn: (message: string, fields?: unknown) => lines.push({ message, fields }),
    };
    reportSkippedStreamEvent(undefined, { ...event, data: 'garbage' }, [], logger);
    expect(lines).toEqual([
      {
        message: 'Could not parse a stream event; skipped it',
        fields: { ...event, excerpt: 'garbage' },
      },
    ]);
  });

  it('ignores a hook that throws, and no hook at all', () => {
    expect(() =>
      reportSkippedStreamEvent(
        () => {
          throw new Error('observer bug');
        },
        { ...event, data: 'garbage' },
        [],
      ),
    ).not.toThrow();
    expect(() => reportSkippedStreamEvent(undefined, { ...event, data: 'x' }, [])).not.toThrow();
  });
});
