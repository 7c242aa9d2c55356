import { describe, expect, it } from 'vitest';
import { sampleRecord } from '../../test-support/sample-records';
import { groupByDay } from './group-by-day';

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
