import { sleep, waitForAbort } from '../http/abortable-wait';
import type { Exchange } from '../http/exchange';
import type { ScriptStep } from '../simulator-types';
import { malformedFrame } from './malformed-frame';

export const EVENT_STREAM = 'text/event-stream; charset=utf-8';

const DEFAULT_AFTER_CHUNKS = 2;

/**
 * Send SSE frames one by one (`chunkDelayMs` apart). Faults cut the stream after `afterChunks`
 * frames: drop the socket, send an in-stream error, send a frame that is not JSON, or stall.
 */
export async function sendEventStream(
  exchange: Exchange,
  frames: readonly string[],
  step: ScriptStep | undefined,
  options: { readonly contentType: string; readonly errorFrame: () => string },
): Promise<void> {
  const fault = step?.fault;
  const cutsShort =
    fault === 'drop-mid-stream' ||
    fault === 'mid-stream-error' ||
    fault === 'malformed-json' ||
    fault === 'hang';
  const sent = cutsShort
    ? Math.min(step?.afterChunks ?? DEFAULT_AFTER_CHUNKS, frames.length)
    : frames.length;
  exchange.startBody(200, options.contentType);
  for (let index = 0; index < sent; index += 1) {
    if (index > 0 && !(await sleep(step?.chunkDelayMs ?? 0, exchange.signal))) return;
    if (exchange.signal.aborted) return;
    await exchange.write(frames[index] ?? '');
  }
  if (fault === 'drop-mid-stream') return exchange.dropConnection();
  if (fault === 'hang') return waitForAbort(exchange.signal);
  if (fault === 'mid-stream-error') await exchange.write(options.errorFrame());
  if (fault === 'malformed-json')
    await exchange.write(malformedFrame(frames, sent, exchange.route.dialect));
  exchange.end();
}
