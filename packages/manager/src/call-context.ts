import { AsyncLocalStorage } from 'node:async_hooks';
import type { CallEventContext } from './manager-events';

/** The live identity of a running call: the deployment and attempt change as it proceeds. */
export interface LiveCallContext {
  readonly call_id: string;
  readonly request_id: string;
  provider?: string;
  model?: string;
  attempt?: number;
}

// The pipelines and the router are shared by every call of a provider, so their events do not say
// which call they belong to; the call they happen in does, through the async context it runs in.
const storage = new AsyncLocalStorage<LiveCallContext>();

/** Runs `fn` (and everything it starts) as part of the call `context` describes. */
export function runInCall<T>(context: LiveCallContext, fn: () => T): T {
  return storage.run(context, fn);
}

/**
 * An async iterable whose every step runs as part of the call: a stream's consumer pulls chunks
 * from its own context, and the pipeline's events during the pull must still name the call.
 */
export function iterateInCall<T>(
  context: LiveCallContext,
  source: AsyncIterable<T>,
): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]() {
      const iterator = storage.run(context, () => source[Symbol.asyncIterator]());
      return {
        next: () => storage.run(context, () => iterator.next()),
        return: (value?: unknown) =>
          storage.run(context, () =>
            iterator.return ? iterator.return(value) : Promise.resolve({ done: true, value }),
          ) as Promise<IteratorResult<T>>,
      };
    },
  };
}

/** The call an event happens in, as the fields the event carries; empty outside any call. */
export function currentCallFields(): CallEventContext {
  const context = storage.getStore();
  if (!context) return {};
  return {
    call_id: context.call_id,
    request_id: context.request_id,
    ...(context.provider === undefined ? {} : { provider: context.provider }),
    ...(context.model === undefined ? {} : { model: context.model }),
    ...(context.attempt === undefined ? {} : { attempt: context.attempt }),
  };
}
