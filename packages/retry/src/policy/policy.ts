/** What a policy hands the function it runs: the signal to pass on to the real call. */
export interface ExecutionContext {
  readonly signal: AbortSignal;
}

/** The context of one attempt: `attempt` counts from 1 and grows with each retry. */
export interface AttemptContext extends ExecutionContext {
  readonly attempt: number;
}

/**
 * A resilience policy (cockatiel's model): a small value that runs a function under one rule
 * (retry, circuit breaker, rate limit, timeout). Policies nest: see `composePolicies`.
 */
export interface Policy<Context extends ExecutionContext = ExecutionContext> {
  execute<T>(fn: (context: Context) => Promise<T>, signal?: AbortSignal): Promise<T>;
}
