import { describe, expect, it } from 'vitest';
import { sampleRecord } from '../../test-support/sample-records';
import { encodeLines } from './encode-lines';

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
