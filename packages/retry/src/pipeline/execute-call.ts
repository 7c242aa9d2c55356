import type { AttemptContext } from '../policy/policy';
import { neverAbortedSignal } from '../signal/linked-abort-controller';
import { runWithRetries } from '../retry/run-with-retries';
import { runWithTimeout } from '../timeout/run-with-timeout';
import { startTotalTimeout } from '../timeout/start-total-timeout';
import { retryRun, safeTokens, timeoutReporting, type PipelineContext } from './pipeline-context';

export interface ExecuteOptions<T> {
  readonly signal?: AbortSignal;
  readonly model?: string;
  /** Reserved against tokens-per-minute limits before each attempt. */
  readonly estimatedTokens?: number;
  /** The call's actual token usage, to reconcile the reservation. */
  readonly actualTokens?: (result: T) => number | undefined;
}

/** retry( breaker( limiter( timeout( fn ) ) ) ), all inside the total timeout. */
export async function executeCall<T>(
  context: PipelineContext,
  fn: (context: AttemptContext) => Promise<T>,
  options: ExecuteOptions<T> = {},
): Promise<T> {
  const { clock, timeouts, providerName } = context;
  const { model } = options;
  const callerSignal = options.signal ?? neverAbortedSignal();
  const total =
    timeouts.totalMs === undefined
      ? undefined
      : startTotalTimeout({
          clock,
          timeoutMs: timeouts.totalMs,
          signal: callerSignal,
          ...timeoutReporting(context, 'total', timeouts.totalMs, model),
        });
  try {
    return await runWithRetries(
      async ({ signal, attempt }) => {
        const pass = await context.guards.enter(model, signal, options.estimatedTokens);
        try {
          const result = await runWithTimeout((inner) => fn({ signal: inner.signal, attempt }), {
            clock,
            timeoutMs: timeouts.requestMs,
            signal,
            providerName,
            ...timeoutReporting(context, 'request', timeouts.requestMs, model, attempt),
          });
          pass.succeed(safeTokens(options.actualTokens, result));
          return result;
        } catch (thrown) {
          pass.fail(thrown, signal);
          throw thrown;
        }
      },
      retryRun(context, total?.signal ?? callerSignal, model),
    );
  } finally {
    total?.dispose();
  }
}
