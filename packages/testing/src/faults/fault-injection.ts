// Fault injection: how a rendered or recorded response is sent, and how each `SimulatorFault`
// cuts it short (a dropped socket, an in-stream error, JSON that does not parse, a stall) or
// garbles one event of an otherwise complete stream.
import { sleep, waitForAbort, type Exchange } from '../server/exchange';
import type { WireDialect } from '../server/route-request';
import type { ScriptStep } from '../simulator-types';

const FALLBACK: Record<WireDialect, string> = {
  openai:
    'data: {"id":"chatcmpl-llmsim","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"tru\n\n',
  azure:
    'data: {"id":"chatcmpl-llmsim","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"tru\n\n',
  anthropic:
    'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_d\n\n',
};

/** An event whose data is not JSON, in each dialect's framing: what `garbled-event` inserts. */
const GARBLED_EVENT: Record<WireDialect, string> = {
  openai: 'data: {"id":"chatcmpl-llmsim","choices":[{"delta":{"content":"garbled\n\n',
  azure: 'data: {"id":"chatcmpl-llmsim","choices":[{"delta":{"content":"garbled\n\n',
  anthropic:
    'event: content_block_delta\ndata: {"type":"content_block_delta","delta":{"text":"garbled\n\n',
};

// The Anthropic SDK skips `ping` frames unparsed, so a broken ping would go unnoticed.
const isPing = (frame: string): boolean => /^event:\s*ping\s*$/m.test(frame);

function cutDataLine(frame: string): string | undefined {
  const lines = frame.replace(/\s+$/, '').split(/\r?\n/);
  const index = lines.findIndex((line) => line.startsWith('data:'));
  const line = lines[index];
  if (line === undefined || line.length <= 'data: '.length + 1) return undefined;
  const payload = line.slice('data:'.length);
  lines[index] = `data:${payload.slice(0, Math.max(2, Math.floor(payload.length / 2)))}`;
  return `${lines.join('\n')}\n\n`;
}

/** The frame that would have come next with its JSON cut in half, so it no longer parses. */
function malformedFrame(frames: readonly string[], from: number, dialect: WireDialect): string {
  for (const frame of frames.slice(from)) {
    if (isPing(frame)) continue;
    const cut = cutDataLine(frame);
    if (cut !== undefined) return cut;
  }
  return FALLBACK[dialect];
}

/**
 * Send a whole (non-streamed) body. `malformed-json` sends a complete 200 whose body is cut in half;
 * `drop-mid-stream` announces the full length, sends half, then drops the socket.
 */
export async function sendBody(
  exchange: Exchange,
  status: number,
  contentType: string,
  text: string,
  step: ScriptStep | undefined,
): Promise<void> {
  const half = text.slice(0, Math.floor(text.length / 2));
  if (step?.fault === 'malformed-json') return exchange.sendText(status, contentType, half);
  if (step?.fault === 'drop-mid-stream') {
    exchange.startBody(status, contentType, Buffer.byteLength(text));
    await exchange.write(half);
    return exchange.dropConnection();
  }
  exchange.sendText(status, contentType, text);
}

export const EVENT_STREAM = 'text/event-stream; charset=utf-8';

const DEFAULT_AFTER_CHUNKS = 2;

/**
 * Send SSE frames one by one (`chunkDelayMs` apart). Faults cut the stream after `afterChunks`
 * frames: drop the socket, send an in-stream error, send a frame that is not JSON, or stall;
 * `garbled-event` inserts an event that is not JSON there and sends every frame.
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
  const garbleAt =
    fault === 'garbled-event'
      ? Math.min(step?.afterChunks ?? DEFAULT_AFTER_CHUNKS, frames.length)
      : undefined;
  exchange.startBody(200, options.contentType);
  for (let index = 0; index < sent; index += 1) {
    if (index > 0 && !(await sleep(step?.chunkDelayMs ?? 0, exchange.signal))) return;
    if (exchange.signal.aborted) return;
    if (index === garbleAt) await exchange.write(GARBLED_EVENT[exchange.route.dialect]);
    await exchange.write(frames[index] ?? '');
  }
  if (garbleAt === frames.length) await exchange.write(GARBLED_EVENT[exchange.route.dialect]);
  if (fault === 'drop-mid-stream') return exchange.dropConnection();
  if (fault === 'hang') return waitForAbort(exchange.signal);
  if (fault === 'mid-stream-error') await exchange.write(options.errorFrame());
  if (fault === 'malformed-json')
    await exchange.write(malformedFrame(frames, sent, exchange.route.dialect));
  exchange.end();
}
