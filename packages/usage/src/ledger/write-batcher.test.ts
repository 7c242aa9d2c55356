import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createManualClock, type UsageRecord } from '@llm/core';
import { JsonlUsageStore } from '../store/jsonl/jsonl-usage-store';
import { MemoryUsageStore } from '../store/memory-usage-store';
import { sampleRecord } from '../__tests__/sample-records';
import { WriteBatcher } from './write-batcher';
import { temporaryDirectory } from '../__tests__/temporary-directory';

/** A memory store that also counts its append calls (one per write). */
class CountingStore extends MemoryUsageStore {
  appends = 0;
  override async append(records: readonly UsageRecord[]): Promise<void> {
    this.appends += 1;
    return super.append(records);
  }
}

function setup(overrides: Partial<ConstructorParameters<typeof WriteBatcher>[0]> = {}) {
  const store = new CountingStore();
  const clock = createManualClock(0);
  const errors: unknown[] = [];
  const batcher = new WriteBatcher({
    store,
    clock,
    durability: 'batched',
    flushInterval: 1_000,
    batchSize: 100,
    onError: (error) => errors.push(error),
    ...overrides,
  });
  return { store, clock, batcher, errors };
}

describe('WriteBatcher', () => {
  it('resolves add() in batched mode before anything is written', async () => {
    const { store, batcher } = setup();
    await batcher.add(sampleRecord());
    expect(store.recordCount).toBe(0);
  });

  it('writes pending records in one write once the flush interval has passed', async () => {
    const { store, clock, batcher } = setup();
    for (let i = 0; i < 3; i++) void batcher.add(sampleRecord());
    await clock.advance(999);
    expect(store.recordCount).toBe(0);
    await clock.advance(1);
    expect(store.recordCount).toBe(3);
    expect(store.appends).toBe(1);
  });

  it('writes as soon as batch_size records are pending, without waiting for the interval', async () => {
    const { store, clock, batcher } = setup({ batchSize: 3 });
    for (let i = 0; i < 3; i++) void batcher.add(sampleRecord());
    await clock.advance(0);
    expect(store.recordCount).toBe(3);
  });

  it('resolves add() in sync mode only once the record is stored, sharing one write per tick', async () => {
    const { store, batcher } = setup({ durability: 'sync' });
    const acknowledged = Promise.all([batcher.add(sampleRecord()), batcher.add(sampleRecord())]);
    expect(store.recordCount).toBe(0);
    await acknowledged;
    expect(store.recordCount).toBe(2);
    expect(store.appends).toBe(1);
  });

  it('flush() writes every record added before it', async () => {
    const { store, batcher } = setup();
    for (let i = 0; i < 5; i++) void batcher.add(sampleRecord());
    await batcher.flush();
    expect(store.recordCount).toBe(5);
    expect(batcher.pendingCount).toBe(0);
  });

  it('flushSync() writes pending records with synchronous I/O', () => {
    const { store, batcher } = setup();
    void batcher.add(sampleRecord());
    batcher.flushSync();
    expect(store.recordCount).toBe(1);
  });

  it('keeps records pending after a failed write and writes them once the disk recovers', async () => {
    const root = temporaryDirectory('batcher-');
    const blocker = join(root, 'ledger');
    writeFileSync(blocker, 'not a directory');
    const store = new JsonlUsageStore({ directory: join(blocker, 'usage') });
    const { batcher, errors } = setup({ store });
    void batcher.add(sampleRecord({ request_id: 'kept' }));
    await expect(batcher.flush()).rejects.toThrow();
    expect(batcher.pendingCount).toBe(1);
    expect(errors).toHaveLength(1);
    rmSync(blocker);
    await batcher.flush();
    const ids: string[] = [];
    await store.forEachRecord({}, (record) => ids.push(record.request_id));
    expect(ids).toEqual(['kept']);
    await store.close();
  });
});
