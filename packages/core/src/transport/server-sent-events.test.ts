import { describe, expect, it } from 'vitest';
import { createManualClock } from '../util/clock';
import { ServerSentEventReader, SSE_DRAIN_TIMEOUT_MS } from './server-sent-events';

const encoder = new TextEncoder();

/** A body that sends `parts` (one read each), then ends unless `open` keeps it open; records a cancel. */
function body(parts: readonly string[], open = false) {
  const state = { cancelled: false, pulls: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const part = parts[state.pulls];
      state.pulls += 1;
      if (part !== undefined) controller.enqueue(encoder.encode(part));
      else if (!open) controller.close();
      else return new Promise(() => undefined);
      return undefined;
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

async function all(reader: ServerSentEventReader) {
  const batches: string[][] = [];
  for (let batch = await reader.next(); batch; batch = await reader.next())
    batches.push(batch.map((event) => `${event.event ?? ''}|${event.data}`));
  return batches;
}

describe('ServerSentEventReader', () => {
  it('gives the events of each read as one batch, joining events split across reads', async () => {
    const { stream } = body([
      'data: one\n\ndata: tw',
      'o\n\nevent: ping\ndata: {}\n\n',
      'data: cut',
    ]);
    const reader = new ServerSentEventReader(stream);
    expect(await all(reader)).toEqual([['|one'], ['|two', 'ping|{}']]);
    expect(reader.ended).toBe(true);
    reader.close({ drain: false });
  });

  it('decodes a character split between two reads', async () => {
    const bytes = encoder.encode('data: é\n\n');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 7));
        controller.enqueue(bytes.slice(7));
        controller.close();
      },
    });
    expect(await all(new ServerSentEventReader(stream))).toEqual([['|é']]);
  });

  it('cancels the body at once when closed without drain', async () => {
    const { stream, state } = body(['data: one\n\n'], true);
    const reader = new ServerSentEventReader(stream);
    await reader.next();
    reader.close({ drain: false });
    await Promise.resolve();
    expect(state.cancelled).toBe(true);
    expect(await reader.next()).toBeUndefined();
  });

  it('drains a finished stream in the background and cancels it after the drain timeout', async () => {
    const clock = createManualClock(0);
    const { stream, state } = body(['data: one\n\n', 'data: [DONE]\n\n'], true);
    const reader = new ServerSentEventReader(stream, { clock });
    await reader.next();
    reader.close({ drain: true });
    reader.close({ drain: true });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(state.pulls).toBeGreaterThanOrEqual(2);
    expect(state.cancelled).toBe(false);
    await clock.advance(SSE_DRAIN_TIMEOUT_MS);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(state.cancelled).toBe(true);
  });

  it('drains to the end a stream whose server ends it, without cancelling', async () => {
    const clock = createManualClock(0);
    const { stream, state } = body(['data: one\n\n', 'data: [DONE]\n\n']);
    const reader = new ServerSentEventReader(stream, { clock, drainTimeoutMs: 10 });
    await reader.next();
    reader.close({ drain: true });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await clock.advance(10);
    expect(state.cancelled).toBe(false);
  });

  it('swallows a body that fails while it drains', async () => {
    let sent = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) {
          sent = true;
          controller.enqueue(encoder.encode('data: one\n\n'));
        } else controller.error(new Error('socket reset'));
      },
    });
    const reader = new ServerSentEventReader(stream, { clock: createManualClock(0) });
    await reader.next();
    reader.close({ drain: true });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(reader.ended).toBe(false);
  });
});
