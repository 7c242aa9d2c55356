// The script: steps queued by `simulator.script()`, checked when queued, and taken by the first
// request each one matches.
import { replayPath } from '../replay/wire-dir';
import type { RouteKind } from '../server/route-request';
import type { RecordedRequest, ScriptStep, SimulatorFault } from '../simulator-types';

const FAULTS: ReadonlySet<SimulatorFault> = new Set([
  'drop-before-headers',
  'drop-mid-stream',
  'mid-stream-error',
  'malformed-json',
  'garbled-event',
  'hang',
]);

function isCount(value: number): boolean {
  return Number.isInteger(value) && value >= 0;
}

/** Throw at `script()` time, naming the problem, instead of failing a request later. */
function validateStep(step: ScriptStep, wireDir: string | undefined): void {
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

// Without an explicit protocol or path, steps answer only requests that produce model output.
const ANSWERING_KINDS: ReadonlySet<RouteKind> = new Set(['chat', 'messages', 'embeddings']);

function requestModel(record: RecordedRequest): string | undefined {
  const body = record.body;
  if (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as Record<string, unknown>)['model'] === 'string'
  ) {
    return (body as Record<string, string>)['model'];
  }
  return undefined;
}

function pathMatches(pattern: string | RegExp, path: string): boolean {
  if (typeof pattern === 'string') return pattern === path;
  pattern.lastIndex = 0;
  return pattern.test(path);
}

/** Does this step answer this request? `match.model` compares the body's model or the Azure deployment. */
function stepMatches(step: ScriptStep, record: RecordedRequest, kind: RouteKind): boolean {
  const match = step.match ?? {};
  if (match.protocol === undefined && match.path === undefined && !ANSWERING_KINDS.has(kind))
    return false;
  if (match.protocol !== undefined && match.protocol !== record.protocol) return false;
  if (match.path !== undefined && !pathMatches(match.path, record.path)) return false;
  if (
    match.model !== undefined &&
    match.model !== requestModel(record) &&
    match.model !== record.deployment
  )
    return false;
  return true;
}

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
