import type { LLMError, ManualClock } from '@llm/core';
import type { RoutePlan, RouteStep } from '../route-plan';

type Attempt = Extract<RouteStep, { done: false }>;
/** What the scripted deployment does on one attempt: fail with an error, or answer. */
export type ScriptedOutcome = { error: LLMError; ms?: number } | { ok: true; ms?: number };

/**
 * Drives a plan the way the manager will: waits each step's delay on the manual clock, spends the
 * attempt's duration, and reports the scripted outcome. Returns the steps taken and the result.
 */
export async function drivePlan(
  plan: RoutePlan,
  clock: ManualClock,
  script: (step: Attempt) => ScriptedOutcome,
): Promise<{ steps: Attempt[]; error?: LLMError; answeredBy?: string }> {
  const steps: Attempt[] = [];
  let step = plan.first();
  while (!step.done) {
    steps.push(step);
    await clock.advance(step.delayMs);
    const outcome = script(step);
    await clock.advance(outcome.ms ?? 100);
    if ('ok' in outcome) {
      plan.succeeded();
      return { steps, answeredBy: step.candidate.id };
    }
    step = plan.failed(outcome.error);
  }
  return { steps, error: step.error };
}
