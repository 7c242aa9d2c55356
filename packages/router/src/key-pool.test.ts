import { createManualClock } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { createKeyPool, keyFingerprint } from './key-pool';

const KEY_1 = 'sk-test-first-0000000000000001';
const KEY_2 = 'sk-test-second-000000000000002';

describe('key pool', () => {
  it('hands out the keys of a pool round-robin', () => {
    const pool = createKeyPool({ keys: { openai: [KEY_1, KEY_2] } });
    expect([1, 2, 3].map(() => pool.acquire('openai')?.apiKey)).toEqual([KEY_1, KEY_2, KEY_1]);
    expect(pool.acquire('claude')).toBeUndefined();
  });

  it('benches a key for the cooldown and brings it back after it', async () => {
    const clock = createManualClock();
    const pool = createKeyPool({ keys: { openai: [KEY_1, KEY_2] }, clock, cooldownMs: 60_000 });
    const bad = pool.acquire('openai')!;
    pool.bench(bad);
    expect(pool.available('openai')).toBe(1);
    expect(pool.benched('openai')).toEqual([keyFingerprint(KEY_1)]);
    expect([1, 2, 3].map(() => pool.acquire('openai')?.apiKey)).toEqual([KEY_2, KEY_2, KEY_2]);
    await clock.advance(59_999);
    expect(pool.available('openai')).toBe(1);
    await clock.advance(1);
    expect(pool.available('openai')).toBe(2);
    expect(new Set([1, 2].map(() => pool.acquire('openai')?.apiKey))).toEqual(
      new Set([KEY_1, KEY_2]),
    );
  });

  it('benches for 60 s by default', async () => {
    const clock = createManualClock();
    const pool = createKeyPool({ keys: { openai: [KEY_1] }, clock });
    pool.bench(pool.acquire('openai')!);
    await clock.advance(59_000);
    expect(pool.available('openai')).toBe(0);
    await clock.advance(1_000);
    expect(pool.available('openai')).toBe(1);
  });

  it('still hands out the key that returns first when every key is benched', async () => {
    const clock = createManualClock();
    const pool = createKeyPool({ keys: { openai: [KEY_1, KEY_2] }, clock });
    pool.bench(pool.acquire('openai')!);
    await clock.advance(10);
    pool.bench(pool.acquire('openai')!);
    expect(pool.acquire('openai')?.apiKey).toBe(KEY_1);
  });

  it('fingerprints a key without revealing any part of it', () => {
    const fingerprint = keyFingerprint(KEY_1);
    expect(fingerprint).toMatch(/^key-[0-9a-f]{8}$/);
    expect(fingerprint).toBe(keyFingerprint(KEY_1));
    expect(fingerprint).not.toBe(keyFingerprint(KEY_2));
    expect(fingerprint).not.toContain(KEY_1.slice(0, 4));
    expect(fingerprint).not.toContain(KEY_1.slice(-4));
  });
});

describe('key pool cooldowns', () => {
  it('benches a key of a pool for that pool’s own cooldown', async () => {
    const clock = createManualClock();
    const pool = createKeyPool({
      keys: { openai: [KEY_1, KEY_2], azure: [KEY_1 + 'a', KEY_2 + 'a'] },
      cooldowns: { openai: 5_000 },
      cooldownMs: 60_000,
      clock,
    });
    pool.bench(pool.acquire('openai')!);
    pool.bench(pool.acquire('azure')!);
    await clock.advance(5_000);
    expect(pool.available('openai')).toBe(2);
    expect(pool.available('azure')).toBe(1);
  });
});

describe('key pools across reloads', () => {
  it('keeps a key benched in the pool that replaces it when they share benchedUntil', () => {
    const clock = createManualClock();
    const benchedUntil = new Map<string, number>();
    const first = createKeyPool({ keys: { openai: [KEY_1, KEY_2] }, clock, benchedUntil });
    first.bench(first.acquire('openai')!);
    const next = createKeyPool({ keys: { openai: [KEY_1, KEY_2] }, clock, benchedUntil });
    expect(next.benched('openai')).toEqual([keyFingerprint(KEY_1)]);
  });
});

describe('a pool whose keys are all benched', () => {
  it('hands out the key that comes back first, and nothing for an unknown pool', async () => {
    const clock = createManualClock();
    const pool = createKeyPool({ keys: { openai: [KEY_1, KEY_2] }, clock, cooldownMs: 1_000 });
    pool.bench(pool.acquire('openai')!);
    await clock.advance(500);
    pool.bench(pool.acquire('openai')!);
    expect(pool.available('openai')).toBe(0);
    expect(pool.acquire('openai')?.apiKey).toBe(KEY_1);
    expect(pool.available('nope')).toBe(0);
    expect(pool.benched('nope')).toEqual([]);
  });
});
