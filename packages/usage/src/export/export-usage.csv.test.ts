import { describe, expect, it } from 'vitest';
import { csvField, csvRow } from './export-usage';

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['carriage\rreturn', '"carriage\rreturn"'],
  ])('writes %j as %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('writes absent values as empty fields and numbers and booleans as text', () => {
    expect(csvRow([undefined, null, 0.5, true, 'x'])).toBe(',,0.5,true,x\r\n');
  });
});
