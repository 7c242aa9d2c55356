import type { Jitter } from '../defaults/resilience-defaults';

/**
 * Spreads a wait so clients that failed together do not retry together: `full` picks from
 * [0, delay], `equal` from [delay/2, delay], `none` keeps it. `random` returns [0, 1).
 */
export function applyJitter(delayMs: number, jitter: Jitter, random: () => number): number {
  if (jitter === 'none') return delayMs;
  const draw = Math.min(Math.max(random(), 0), 1);
  if (jitter === 'full') return Math.round(draw * delayMs);
  const half = delayMs / 2;
  return Math.round(half + draw * half);
}
