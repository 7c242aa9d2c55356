const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field per RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
export function csvField(value: string | number | boolean | undefined | null): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV row; RFC 4180 ends every row with CRLF. */
export function csvRow(fields: readonly (string | number | boolean | undefined | null)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}
