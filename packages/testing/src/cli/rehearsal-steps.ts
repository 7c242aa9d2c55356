// The script steps `llm-sim --fault/--fail-rate/--latency/--hang` keeps queued: failing chat
// requests chosen at random (seeded) at the given rate, every answer delayed by the given latency.
import type { ScriptStep } from '../simulator-types';
import type { CliArguments } from './cli-arguments';

type Rehearsal = Pick<CliArguments, 'fault' | 'failRate' | 'latencyMs'>;

function failingStep(fault: NonNullable<CliArguments['fault']>): ScriptStep {
  return typeof fault === 'number'
    ? { error: { status: fault, message: `llm-sim: rehearsed failure (HTTP ${fault})` } }
    : { fault };
}

/** Whether the arguments change any answer (else the simulator's default echo answers all). */
export function rehearses(options: Rehearsal): boolean {
  return options.fault !== undefined || options.latencyMs !== undefined;
}

/**
 * The next `count` requests' steps, consecutive equal outcomes merged into one step with `times`.
 * Without a rate (or rate 1) one endless step answers every request.
 */
export function rehearsalSteps(
  options: Rehearsal,
  random: () => number,
  count: number,
): ScriptStep[] {
  const delay = options.latencyMs ? { delayMs: options.latencyMs } : {};
  const failure = options.fault === undefined ? undefined : failingStep(options.fault);
  const rate = failure ? (options.failRate ?? 1) : 0;
  if (rate === 1) return [{ ...failure, ...delay, times: Infinity }];
  if (rate === 0) return [{ reply: {}, ...delay, times: Infinity }];
  const steps: ScriptStep[] = [];
  let previous: boolean | undefined;
  for (let index = 0; index < count; index++) {
    const fails = random() < rate;
    const last = steps.at(-1);
    if (last && fails === previous) last.times = (last.times ?? 1) + 1;
    else steps.push({ ...(fails ? failure : { reply: {} }), ...delay, times: 1 });
    previous = fails;
  }
  return steps;
}
