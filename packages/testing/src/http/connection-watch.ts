import type { ServerResponse } from 'node:http';
import type { RequestLog } from '../log/request-log';
import type { RecordedRequest } from '../simulator-types';

/** Watches one response's connection: who ended it, and a signal for the work answering it. */
export interface ConnectionWatch {
  /** Aborted when the connection closes (either side) or the simulator closes. */
  readonly signal: AbortSignal;
  /** The request to mark if its client leaves early (it may have left already). */
  attach(record: RecordedRequest): void;
  /** The simulator is about to destroy the socket itself: not a client close. */
  serverDrops(): void;
}

export function watchConnection(
  response: ServerResponse,
  log: RequestLog,
  closing: AbortSignal,
): ConnectionWatch {
  const controller = new AbortController();
  const onClosing = (): void => controller.abort();
  if (closing.aborted) controller.abort();
  else closing.addEventListener('abort', onClosing, { once: true });
  const state: { record?: RecordedRequest; clientClosedAt?: number; droppedByServer: boolean } = {
    droppedByServer: false,
  };

  response.on('close', () => {
    closing.removeEventListener('abort', onClosing);
    if (!response.writableFinished && !state.droppedByServer && !closing.aborted) {
      state.clientClosedAt = Date.now();
      if (state.record !== undefined) log.markClientClosed(state.record, state.clientClosedAt);
    }
    controller.abort();
  });

  return {
    signal: controller.signal,
    attach(record) {
      state.record = record;
      if (state.clientClosedAt !== undefined) log.markClientClosed(record, state.clientClosedAt);
    },
    serverDrops() {
      state.droppedByServer = true;
    },
  };
}
