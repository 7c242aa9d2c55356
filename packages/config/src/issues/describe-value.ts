/** A value's kind in words, without showing the value (it may be a secret): `a string`, `an array`… */
export function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a table';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal number';
  if (typeof value === 'boolean') return 'a boolean';
  return `a ${typeof value}`;
}

const EXPECTED: Readonly<Record<string, string>> = {
  number: 'a number',
  int: 'an integer',
  string: 'a string',
  boolean: 'true or false',
  object: 'a table',
  record: 'a table',
  array: 'an array',
};

export function describeExpected(expected: string): string {
  return EXPECTED[expected] ?? expected;
}
