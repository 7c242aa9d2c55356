import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleRecord } from '../__tests__/sample-records';
import { createUsageTracker } from './usage-tracker';

const RECORDS = 1_000_000;
const FRACTION_DIGITS = 12;

/** `units × 10^-12` as plain decimal text, e.g. 1234 → "0.000000001234". */
function decimalText(units: bigint): string {
  const digits = units.toString().padStart(FRACTION_DIGITS + 1, '0');
  return `${digits.slice(0, -FRACTION_DIGITS)}.${digits.slice(-FRACTION_DIGITS)}`.replace(
    /\.?0+$/,
    '',
  );
}

describe('exact sums', () => {
  it(
    'sums 1,000,000 recorded costs to exactly their decimal sum, where floating point drifts',
    { timeout: 120_000 },
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'exact-sum-'));
      const tracker = createUsageTracker({
        dataDir,
        settings: { batch_size: 10_000 },
        flushOnExit: false,
      });
      const start = Date.UTC(2026, 6, 1);
      let seed = 12_345;
      let expectedUnits = 0n;
      let floatSum = 0;
      for (let index = 0; index < RECORDS; index++) {
        seed = (seed * 16_807) % 2_147_483_647;
        const units = BigInt(seed % 90_000_000); // up to 0.00009 per call, 12 decimals
        expectedUnits += units;
        const text = decimalText(units);
        floatSum += Number(text);
        void tracker.recordUsage(
          sampleRecord({
            request_id: `r${index}`,
            timestamp: start + index * 2_000,
            cost: Number(text),
            cost_decimal: text,
          }),
        );
      }
      const [summary] = await tracker.getUsageSummary({ group_by: 'none' });
      expect(summary!.total_requests).toBe(RECORDS);
      expect(summary!.total_cost_decimal).toBe(decimalText(expectedUnits));
      expect(String(floatSum)).not.toBe(decimalText(expectedUnits));
      await tracker.close();

      const reopened = createUsageTracker({ dataDir, flushOnExit: false });
      expect((await reopened.getCost()).amount).toBe(decimalText(expectedUnits));
      await reopened.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  );
});
