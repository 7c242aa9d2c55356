import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock, LLMError, UsageRecordSchema } from '@llm/core';
import { Decimal } from '../money/decimal';
import { MemoryUsageStore } from '../store/memory-usage-store';
import { sampleRecord } from '../__tests__/sample-records';
import { createUsageTracker, type UsageTracker } from './usage-tracker';
import { temporaryDirectory } from '../__tests__/temporary-directory';

const JULY_24 = Date.UTC(2026, 6, 24, 9);
const trackers: UsageTracker[] = [];
function tracker(options: Parameters<typeof createUsageTracker>[0] = {}): UsageTracker {
  const created = createUsageTracker({
    flushOnExit: false,
    clock: createManualClock(JULY_24),
    ...options,
  });
  trackers.push(created);
  return created;
}
afterEach(async () => {
  await Promise.all(trackers.splice(0).map((created) => created.close()));
});

/** RFC 4180 parsed independently of the exporter: quoted fields, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (quoted && character === '"' && text[index + 1] === '"') {
      field += '"';
      index++;
    } else if (character === '"' && (quoted || field === '')) {
      quoted = !quoted;
    } else if (quoted) {
      field += character;
    } else if (character === ',') {
      row.push(field);
      field = '';
    } else if (character === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index++;
    } else if (character === '\n' || character === '\r' || character === '"') {
      throw new Error(`unquoted ${JSON.stringify(character)} at ${index}`);
    } else {
      field += character;
    }
  }
  if (field !== '' || row.length > 0) throw new Error('last row does not end with CRLF');
  return rows;
}

describe('UsageTracker', () => {
  it('stores in a JSONL ledger under dataDir by default and sums what it recorded', async () => {
    const dataDir = temporaryDirectory('tracker-');
    const ledger = tracker({ dataDir });
    await ledger.recordUsage(sampleRecord({ timestamp: JULY_24, cost_decimal: '0.1' }));
    await ledger.recordUsage(sampleRecord({ timestamp: JULY_24, cost_decimal: '0.2' }));
    expect(ledger.store.kind).toBe('jsonl');
    expect(await ledger.getUsageSummary()).toMatchObject([
      { model_name: 'gpt-4o', total_requests: 2, total_cost_decimal: '0.3', total_cost: 0.3 },
    ]);
  });

  it('uses a memory store when settings.store is "memory"', () => {
    expect(tracker({ settings: { store: 'memory' } }).store.kind).toBe('memory');
  });

  it('answers getModelUsage for one model over a time range, with an empty summary for no calls', async () => {
    const ledger = tracker({ store: new MemoryUsageStore() });
    await ledger.recordUsage(sampleRecord({ timestamp: JULY_24 }));
    await ledger.recordUsage(sampleRecord({ timestamp: JULY_24 - 86_400_000 }));
    await ledger.recordUsage(sampleRecord({ timestamp: JULY_24, model_name: 'o3' }));
    expect(await ledger.getModelUsage('gpt-4o', { start: Date.UTC(2026, 6, 24) })).toMatchObject({
      model_name: 'gpt-4o',
      provider_name: 'openai',
      total_requests: 1,
    });
    expect(await ledger.getModelUsage('gpt-9')).toMatchObject({
      model_name: 'gpt-9',
      total_requests: 0,
      total_cost: 0,
      first_request_time: 0,
    });
  });

  it('gives the total cost in the display currency, converting other currencies with the rate table', async () => {
    const ledger = tracker({
      store: new MemoryUsageStore(),
      displayCurrency: 'USD',
      exchangeRates: { CNY: 7 },
    });
    await ledger.recordUsage(sampleRecord({ cost_decimal: '1', currency: 'USD' }));
    await ledger.recordUsage(sampleRecord({ cost_decimal: '3.5', currency: 'CNY' }));
    expect(await ledger.getTotalCost()).toBe(1.5);
    expect(await ledger.getCost({}, 'CNY')).toMatchObject({
      amount: '10.5',
      currency: 'CNY',
      requests: 2,
    });
    expect(await ledger.getCostByCurrency()).toMatchObject({ costs: { USD: '1', CNY: '3.5' } });
  });

  it('exports JSON that parses back to the recorded records', async () => {
    const ledger = tracker({ store: new MemoryUsageStore() });
    const records = [
      sampleRecord({ request_id: 'a', tags: { user: 'ada' } }),
      sampleRecord({ request_id: 'b', success: false, error_type: 'timeout' }),
    ];
    for (const record of records) await ledger.recordUsage(record);
    const exported = JSON.parse(await ledger.exportUsage('json')) as unknown[];
    expect(exported.map((item) => UsageRecordSchema.parse(item))).toEqual(records);
    expect(JSON.parse(await ledger.exportUsage('json', { success: false }))).toHaveLength(1);
  });

  it('exports CSV that is a valid RFC 4180 table with one row per record, whose costs sum to the summary total', async () => {
    const ledger = tracker({ store: new MemoryUsageStore() });
    const awkward = 'bad "quote", a comma\nand a newline';
    for (let index = 0; index < 200; index++) {
      await ledger.recordUsage(
        sampleRecord({
          request_id: `r${index}`,
          cost_decimal: `0.000${index}7`,
          error_message: index % 3 === 0 ? awkward : undefined,
          tags: { team: 'a,b' },
        }),
      );
    }
    const rows = parseCsv(await ledger.exportUsage('csv'));
    const [header, ...body] = rows;
    expect(body).toHaveLength(200);
    expect(body.every((row) => row.length === header!.length)).toBe(true);
    const column = (name: string) => header!.indexOf(name);
    expect(body[0]![column('error_message')]).toBe(awkward);
    expect(JSON.parse(body[1]![column('tags')]!)).toEqual({ team: 'a,b' });
    const csvTotal = body.reduce(
      (sum, row) => sum.plus(Decimal.from(row[column('cost')]!)),
      Decimal.ZERO,
    );
    const [summary] = await ledger.getUsageSummary({ group_by: 'none' });
    expect(csvTotal.toString()).toBe(summary!.total_cost_decimal);
    expect(body.reduce((sum, row) => sum + Number(row[column('total_tokens')]), 0)).toBe(
      summary!.total_tokens,
    );
  });

  it('streams an export to a file', async () => {
    const ledger = tracker({ store: new MemoryUsageStore() });
    for (let index = 0; index < 3; index++) await ledger.recordUsage(sampleRecord());
    const path = join(temporaryDirectory('export-'), 'usage.csv');
    expect(await ledger.exportUsageToFile(path, 'csv')).toBe(3);
    expect(parseCsv(readFileSync(path, 'utf8'))).toHaveLength(4);
  });

  it('deletes records older than the retention period and says how many', async () => {
    const ledger = tracker({ store: new MemoryUsageStore() });
    await ledger.recordUsage(sampleRecord({ timestamp: JULY_24 - 100 * 86_400_000 }));
    await ledger.recordUsage(sampleRecord({ timestamp: JULY_24 }));
    expect(await ledger.cleanupOldRecords(90)).toBe(1);
    expect((await ledger.getUsageSummary())[0]!.total_requests).toBe(1);
  });

  it('cleans up with retention_days from the settings when no number is given', async () => {
    const ledger = tracker({ store: new MemoryUsageStore(), settings: { retention_days: 30 } });
    await ledger.recordUsage(sampleRecord({ timestamp: JULY_24 - 31 * 86_400_000 }));
    expect(await ledger.cleanupOldRecords()).toBe(1);
    await expect(tracker({ store: new MemoryUsageStore() }).cleanupOldRecords()).rejects.toThrow(
      /retention_days/,
    );
  });

  it('writes pending records on close and refuses records afterwards', async () => {
    const store = new MemoryUsageStore();
    const ledger = createUsageTracker({ store, flushOnExit: false });
    await ledger.recordUsage(sampleRecord());
    expect(store.recordCount).toBe(0);
    await ledger.close();
    expect(store.recordCount).toBe(1);
    await expect(ledger.recordUsage(sampleRecord())).rejects.toThrow(LLMError);
  });

  it('closes through Symbol.asyncDispose', async () => {
    const store = new MemoryUsageStore();
    {
      await using ledger = createUsageTracker({ store, flushOnExit: false });
      await ledger.recordUsage(sampleRecord());
    }
    expect(store.recordCount).toBe(1);
  });

  it('rejects a record without model, provider or timestamp', async () => {
    const ledger = tracker({ store: new MemoryUsageStore() });
    await expect(ledger.recordUsage({ ...sampleRecord(), timestamp: Number.NaN })).rejects.toThrow(
      /model_name, provider_name and a numeric timestamp/,
    );
  });
});
