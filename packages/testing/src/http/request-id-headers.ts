import { randomIds } from '../ids/random-ids';
import type { WireDialect } from '../routing/wire-dialect';

/** The request-id headers each API puts on every response. */
export function requestIdHeaders(dialect: WireDialect): Record<string, string> {
  if (dialect === 'anthropic') return { 'request-id': randomIds.anthropicRequest() };
  if (dialect === 'azure')
    return {
      'x-request-id': randomIds.azureRequest(),
      'apim-request-id': randomIds.azureRequest(),
    };
  return { 'x-request-id': randomIds.openaiRequest() };
}
