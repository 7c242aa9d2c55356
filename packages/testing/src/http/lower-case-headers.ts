import type { IncomingHttpHeaders } from 'node:http';

/** Node already lower-cases names; repeated headers are joined with `, `. */
export function lowerCaseHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return result;
}
