import { neverAbortedSignal } from '../signal/linked-abort-controller';
import type { AttemptContext, ExecutionContext, Policy } from './policy';

/**
 * Nests policies, outermost first: `composePolicies(retry, breaker, limiter, timeout)` runs
 * `retry(breaker(limiter(timeout(fn))))`. The function receives the innermost signal and the
 * attempt number of the nearest retry policy (1 when there is none).
 */
export function composePolicies(
  ...policies: readonly Policy<ExecutionContext>[]
): Policy<AttemptContext> {
  return {
    execute<T>(fn: (context: AttemptContext) => Promise<T>, signal?: AbortSignal): Promise<T> {
      const run = (index: number, context: AttemptContext): Promise<T> => {
        const policy = policies[index];
        if (!policy) return fn(context);
        return policy.execute((inner: ExecutionContext) => {
          const attempt =
            'attempt' in inner && typeof inner.attempt === 'number'
              ? inner.attempt
              : context.attempt;
          return run(index + 1, { signal: inner.signal, attempt });
        }, context.signal);
      };
      return run(0, { signal: signal ?? neverAbortedSignal(), attempt: 1 });
    },
  };
}
