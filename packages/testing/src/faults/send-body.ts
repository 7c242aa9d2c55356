import type { Exchange } from '../http/exchange';
import type { ScriptStep } from '../simulator-types';

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
