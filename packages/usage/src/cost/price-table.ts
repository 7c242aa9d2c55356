import { readFileSync } from 'node:fs';
import { ModelPricingSchema, type ModelPricing } from '@llm/core';

/** Prices kept apart from the main config (seed 001 "价格配置独立管理"), keyed `<model>` or `<provider>/<model>`. */
export interface PriceTable {
  /** Where the table came from (a file path, or a label). */
  readonly origin: string;
  readonly size: number;
  lookup(target: {
    provider: string;
    providerType?: string;
    model: string;
  }): ModelPricing | undefined;
  keys(): IterableIterator<string>;
}

export interface ReadPriceFileOptions {
  /** Parses the file text; JSON.parse by default. Pass a TOML parser (e.g. smol-toml's `parse`) for `.toml` files. */
  parse?: (text: string) => unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates a price table. Two shapes are accepted: the @llm/config price file, a flat table of
 * pricing tables keyed `<model>` or `<provider>/<model>`; or `{ currency?, unit?, models: { … } }`
 * whose top-level `currency` and `unit` are defaults for the entries. Errors name the entry and field.
 */
export function parsePriceTable(data: unknown, origin = 'price table'): PriceTable {
  if (!isRecord(data)) throw new Error(`${origin}: expected a table of model prices`);
  const wrapped = isRecord(data.models);
  const entries = wrapped ? (data.models as Record<string, unknown>) : data;
  const defaults = wrapped
    ? {
        ...(typeof data.currency === 'string' && { currency: data.currency }),
        ...(typeof data.unit === 'string' && { unit: data.unit }),
      }
    : {};
  const prices = new Map<string, ModelPricing>();
  for (const [key, value] of Object.entries(entries)) {
    const parsed = ModelPricingSchema.safeParse(
      isRecord(value) ? { ...defaults, ...value } : value,
    );
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = [...(wrapped ? ['models'] : []), key, ...(issue?.path ?? []).map(String)].join(
        '.',
      );
      throw new Error(`${origin}: ${path}: ${issue?.message ?? 'invalid pricing'}`);
    }
    prices.set(key, Object.freeze(parsed.data));
  }
  return {
    origin,
    size: prices.size,
    keys: () => prices.keys(),
    lookup({ provider, providerType, model }) {
      return (
        prices.get(`${provider}/${model}`) ??
        (providerType ? prices.get(`${providerType}/${model}`) : undefined) ??
        prices.get(model)
      );
    },
  };
}

/** Reads and validates a price file (JSON unless `parse` says otherwise). Synchronous: it is read at start-up and on reload. */
export function readPriceFile(path: string, options: ReadPriceFileOptions = {}): PriceTable {
  const text = readFileSync(path, 'utf8');
  let data: unknown;
  try {
    data = (options.parse ?? JSON.parse)(text);
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
  }
  return parsePriceTable(data, path);
}
