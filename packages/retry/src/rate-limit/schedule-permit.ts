import type { TimedLimit } from './timed-limit';

export interface PermitSchedule<Limit extends TimedLimit> {
  /** When the call may start; Infinity when some limit can never admit it. */
  readonly at: number;
  /** The limit that decided `at` (undefined when nothing delays the call). */
  readonly binding?: Limit;
}

/**
 * The earliest instant every limit admits the call: each limit's answer only moves forward with
 * its input, so repeating "ask all at the latest answer" reaches the common start time.
 */
export function schedulePermit<Limit extends TimedLimit>(
  limits: readonly Limit[],
  now: number,
  tokens: number,
): PermitSchedule<Limit> {
  let at = now;
  let binding: Limit | undefined;
  for (let round = 0; round < 16; round++) {
    let latest = at;
    for (const limit of limits) {
      const earliest = limit.earliest(at, tokens);
      if (earliest > latest) {
        latest = earliest;
        binding = limit;
      }
    }
    if (latest === at || !Number.isFinite(latest)) return { at: latest, binding };
    at = latest;
  }
  return { at, binding };
}
