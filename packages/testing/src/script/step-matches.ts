import type { RouteKind } from '../routing/route-request';
import type { RecordedRequest, ScriptStep } from '../simulator-types';

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
export function stepMatches(step: ScriptStep, record: RecordedRequest, kind: RouteKind): boolean {
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
