import type { RouteKind } from '../routing/route-request';
import type { RecordedRequest, ScriptStep } from '../simulator-types';
import { stepMatches } from './step-matches';
import { validateStep } from './validate-step';

interface QueuedStep {
  readonly step: ScriptStep;
  remaining: number;
}

/** Scripted steps in order; each request takes the first step that matches it. */
export class ScriptQueue {
  #queue: QueuedStep[] = [];

  constructor(private readonly wireDir: string | undefined) {}

  add(steps: readonly ScriptStep[]): void {
    for (const step of steps) validateStep(step, this.wireDir);
    for (const step of steps) this.#queue.push({ step, remaining: step.times ?? 1 });
  }

  /** Take one use of the first matching step, or undefined (the request gets the default answer). */
  take(record: RecordedRequest, kind: RouteKind): ScriptStep | undefined {
    const index = this.#queue.findIndex((queued) => stepMatches(queued.step, record, kind));
    const queued = this.#queue[index];
    if (queued === undefined) return undefined;
    queued.remaining -= 1;
    if (queued.remaining <= 0) this.#queue.splice(index, 1);
    return queued.step;
  }

  /** Steps with uses left. */
  pending(): number {
    return this.#queue.length;
  }

  clear(): void {
    this.#queue = [];
  }
}
