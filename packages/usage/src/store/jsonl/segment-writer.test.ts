import { describe, expect, it } from 'vitest';
import { sampleRecord } from '../../__tests__/sample-records';
import { encodeLines, groupByDay } from './segment-writer';

describe('encodeLines', () => {
  it('writes one JSON line per record, each ending in a newline', () => {
    const records = [sampleRecord({ request_id: 'a' }), sampleRecord({ request_id: 'b' })];
    expect(encodeLines(records).toString('utf8')).toBe(
      records.map((record) => `${JSON.stringify(record)}\n`).join(''),
    );
  });

  it('encodes characters outside ASCII, including those needing four bytes', () => {
    const record = sampleRecord({ request_id: 'größe 漢字 🚀', tags: { note: '\u2028' } });
    expect(JSON.parse(encodeLines([record]).toString('utf8'))).toEqual(record);
  });

  it('encodes an empty batch as no bytes', () => {
    expect(encodeLines([]).length).toBe(0);
  });
});

describe('groupByDay', () => {
  it('splits a batch at UTC midnight and keeps the order within each day', () => {
    const midnight = Date.UTC(2026, 6, 25);
    const records = [
      sampleRecord({ request_id: 'a', timestamp: midnight - 1 }),
      sampleRecord({ request_id: 'b', timestamp: midnight }),
      sampleRecord({ request_id: 'c', timestamp: midnight - 2 }),
    ];
    const days = groupByDay(records);
    expect([...days.keys()]).toEqual(['2026-07-24', '2026-07-25']);
    expect(days.get('2026-07-24')!.map((record) => record.request_id)).toEqual(['a', 'c']);
  });
});
