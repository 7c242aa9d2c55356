type HeaderSource =
  Headers | Record<string, string | string[] | null | undefined> | null | undefined;

function readHeader(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function')
    return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | null | undefined>;
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value[0] : (value ?? undefined);
}

/**
 * How long a server asked us to wait, in ms: `retry-after-ms`, else `retry-after` as seconds or
 * an HTTP date. Undefined when absent or unreadable.
 */
export function parseRetryAfter(
  headers: HeaderSource,
  now: number = Date.now(),
): number | undefined {
  const milliseconds = readHeader(headers, 'retry-after-ms');
  if (milliseconds !== undefined) {
    const value = Number(milliseconds);
    if (Number.isFinite(value) && value >= 0) return Math.round(value);
  }
  const retryAfter = readHeader(headers, 'retry-after');
  if (retryAfter === undefined || retryAfter.trim() === '') return undefined;
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds)) return seconds >= 0 ? Math.round(seconds * 1000) : undefined;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The provider's request id: OpenAI/Azure `x-request-id`, Anthropic `request-id`. */
export function readRequestId(headers: HeaderSource): string | undefined {
  return (
    readHeader(headers, 'x-request-id') ??
    readHeader(headers, 'request-id') ??
    readHeader(headers, 'apim-request-id')
  );
}

export { readHeader };
