import { replayPath } from '../replay/replay-path';
import type { ScriptStep, SimulatorFault } from '../simulator-types';

const FAULTS: ReadonlySet<SimulatorFault> = new Set([
  'drop-before-headers',
  'drop-mid-stream',
  'mid-stream-error',
  'malformed-json',
  'hang',
]);

function isCount(value: number): boolean {
  return Number.isInteger(value) && value >= 0;
}

/** Throw at `script()` time, naming the problem, instead of failing a request later. */
export function validateStep(step: ScriptStep, wireDir: string | undefined): void {
  const fail = (problem: string): never => {
    throw new Error(`llm-sim: invalid script step: ${problem}`);
  };
  if (
    step.times !== undefined &&
    step.times !== Infinity &&
    !(Number.isInteger(step.times) && step.times >= 1)
  ) {
    fail(`times must be a whole number ≥ 1 or Infinity (got ${step.times})`);
  }
  if (step.reply !== undefined && step.replay !== undefined)
    fail('give either reply or replay, not both');
  if (step.error !== undefined && step.reply !== undefined && step.fault !== 'mid-stream-error') {
    fail('an error with a reply needs fault "mid-stream-error" (the reply streams first)');
  }
  if (
    step.error !== undefined &&
    !(Number.isInteger(step.error.status) && step.error.status >= 100 && step.error.status <= 599)
  ) {
    fail(`error.status must be an HTTP status (got ${step.error.status})`);
  }
  if (step.fault !== undefined && !FAULTS.has(step.fault))
    fail(`unknown fault "${String(step.fault)}"`);
  for (const key of ['afterChunks', 'delayMs', 'chunkDelayMs'] as const) {
    const value = step[key];
    if (value !== undefined && !isCount(value))
      fail(`${key} must be a whole number ≥ 0 (got ${value})`);
  }
  if (step.replay !== undefined) {
    const path = replayPath(wireDir, step.replay);
    if (path instanceof Error) throw path;
  }
}
