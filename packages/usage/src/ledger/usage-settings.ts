import type { UsageSettings } from '@llm/core';

/** The `[llm.usage]` defaults, stated once. */
export const DEFAULT_USAGE_SETTINGS = {
  store: 'jsonl',
  durability: 'batched',
  /** ms: pending records reach the disk at most this long after being recorded (batched mode). */
  flush_interval: 1000,
  /** …or as soon as this many are pending. */
  batch_size: 1000,
} as const satisfies UsageSettings;

/** Seed 001's `usage_data_dir` default. */
export const DEFAULT_USAGE_DATA_DIR = './data/llm-usage';

export interface ResolvedUsageSettings {
  store: 'jsonl' | 'memory';
  durability: 'batched' | 'sync';
  flush_interval: number;
  batch_size: number;
  retention_days?: number;
  archive_after_days?: number;
}

export function resolveUsageSettings(settings: UsageSettings = {}): ResolvedUsageSettings {
  return {
    store: settings.store ?? DEFAULT_USAGE_SETTINGS.store,
    durability: settings.durability ?? DEFAULT_USAGE_SETTINGS.durability,
    flush_interval: settings.flush_interval ?? DEFAULT_USAGE_SETTINGS.flush_interval,
    batch_size: settings.batch_size ?? DEFAULT_USAGE_SETTINGS.batch_size,
    retention_days: settings.retention_days,
    archive_after_days: settings.archive_after_days,
  };
}
