import type { z } from 'zod';
import { arrayElementKind, schemaKind } from '../schema/schema-at-path';

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const BOOLEANS: Readonly<Record<string, boolean>> = {
  true: true,
  false: false,
  '1': true,
  '0': false,
  yes: true,
  no: false,
  on: true,
  off: false,
};

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * Turns an environment string into the type the schema expects at its path: numbers, booleans
 * (`true/false/1/0/yes/no/on/off`), JSON for tables and arrays, and comma-separated lists for arrays
 * of words (`network,rate_limit`). A value that does not convert stays a string, so validation
 * reports it with the variable's name.
 */
export function coerceEnvironmentValue(value: string, schema: z.ZodType | undefined): unknown {
  if (!schema) return value;
  const trimmed = value.trim();
  switch (schemaKind(schema)) {
    case 'number':
      return NUMBER.test(trimmed) ? Number(trimmed) : value;
    case 'boolean':
      return BOOLEANS[trimmed.toLowerCase()] ?? value;
    case 'object':
    case 'record':
      return trimmed.startsWith('{') ? parseJson(trimmed) : value;
    case 'array': {
      if (trimmed.startsWith('[')) return parseJson(trimmed);
      const elementKind = arrayElementKind(schema);
      return elementKind === 'string' || elementKind === 'enum'
        ? trimmed
            .split(',')
            .map((item) => item.trim())
            .filter(Boolean)
        : value;
    }
    default:
      return value;
  }
}
