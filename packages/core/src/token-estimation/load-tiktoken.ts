import { createRequire } from 'node:module';
import type { TiktokenEncodingName } from './encoding-for-model';

interface Encoder {
  encode(text: string, allowedSpecial?: 'all'): number[];
}

const encoders = new Map<TiktokenEncodingName, Encoder>();

/**
 * The encoder for `name`, loaded on first use only: the rank tables are megabytes of JavaScript, so
 * nothing is read until a caller needs an exact count.
 */
export function loadTiktoken(name: TiktokenEncodingName): Encoder {
  const cached = encoders.get(name);
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const { Tiktoken } = require('js-tiktoken/lite') as { Tiktoken: new (ranks: unknown) => Encoder };
  const ranks = require(`js-tiktoken/ranks/${name}`) as { default?: unknown };
  const encoder = new Tiktoken(ranks.default ?? ranks);
  encoders.set(name, encoder);
  return encoder;
}

/** Whether an encoder has been loaded already (for tests of laziness). */
export function isTiktokenLoaded(name: TiktokenEncodingName): boolean {
  return encoders.has(name);
}
