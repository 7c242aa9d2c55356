// Replays: a recorded wire file sent as it was recorded, with the step's faults applied.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { sendBody, sendEventStream } from '../faults/fault-injection';
import { errorContextOf, sendError, streamErrorFrame } from '../server/error-responses';
import type { Exchange } from '../server/exchange';
import type { ScriptStep } from '../simulator-types';
import { replayPath } from './wire-dir';

/**
 * Split a recorded SSE file into frames, each ending with its blank line, keeping every byte:
 * the frames joined give back the file exactly (padding, CRLFs and all).
 */
export function splitSseFrames(text: string): string[] {
  return text.split(/(?<=\r?\n\r?\n)/).filter((frame) => frame !== '');
}

/** `error-429-….json` is served with status 429; other files with 200 (a step's `error.status` wins). */
function statusOf(path: string, step: ScriptStep): number {
  if (step.error !== undefined && step.fault !== 'mid-stream-error') return step.error.status;
  const match = /^error-(\d{3})\b/.exec(basename(path));
  return match === null ? 200 : Number(match[1]);
}

/**
 * Send a recorded file as is: `.sse` as `text/event-stream`, frame by frame with the recorded framing;
 * `.json` as `application/json`. A missing file is a 500 naming the path (and a line on stderr).
 */
export async function sendReplay(
  exchange: Exchange,
  step: ScriptStep & { replay: string },
  wireDir: string | undefined,
): Promise<void> {
  const path = replayPath(wireDir, step.replay);
  if (path instanceof Error) {
    console.error(path.message);
    return sendError(exchange, {
      status: 500,
      type: exchange.route.dialect === 'anthropic' ? 'api_error' : 'server_error',
      message: path.message,
    });
  }
  const text = await readFile(path, 'utf8');
  if (path.endsWith('.sse')) {
    return sendEventStream(exchange, splitSseFrames(text), step, {
      contentType: 'text/event-stream',
      errorFrame: () =>
        streamErrorFrame(exchange.route.dialect, step.error, errorContextOf(exchange)),
    });
  }
  const contentType = path.endsWith('.json') ? 'application/json' : 'text/plain; charset=utf-8';
  return sendBody(exchange, statusOf(path, step), contentType, text, step);
}
