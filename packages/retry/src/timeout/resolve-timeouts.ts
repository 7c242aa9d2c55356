import { TimeoutConfigSchema, type TimeoutConfig } from '@llm/core';
import { TIMEOUT_DEFAULTS } from '../defaults/resilience-defaults';

/** `[timeouts]` merged over the defaults; undefined means "no limit". */
export interface ResolvedTimeouts {
  readonly requestMs?: number;
  readonly totalMs?: number;
  readonly firstChunkMs?: number;
  readonly chunkGapMs?: number;
}

export function resolveTimeouts(input: TimeoutConfig = {}): ResolvedTimeouts {
  const config = TimeoutConfigSchema.parse(input);
  return {
    requestMs: config.request ?? TIMEOUT_DEFAULTS.request,
    totalMs: config.total ?? TIMEOUT_DEFAULTS.total,
    firstChunkMs: config.first_chunk ?? TIMEOUT_DEFAULTS.first_chunk,
    chunkGapMs: config.chunk_gap ?? TIMEOUT_DEFAULTS.chunk_gap,
  };
}
