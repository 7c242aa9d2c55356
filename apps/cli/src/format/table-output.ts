// Output for people (plain tables, money) and for machines (CSV).

/** A cost for people: enough decimals to show sub-cent amounts, and the currency code. */
export function formatMoney(amount: number | undefined, currency = 'USD'): string {
  if (amount === undefined) return 'n/a';
  const digits = amount !== 0 && Math.abs(amount) < 0.01 ? 6 : 4;
  return `${amount.toFixed(digits)} ${currency}`;
}

export interface TableOptions {
  /** Rows after a rule line, e.g. totals. */
  footer?: readonly (readonly string[])[];
  /** The widest the table may be; `shrinkColumn` is cut (ending in `…`) to fit. */
  maxWidth?: number;
  shrinkColumn?: number;
}

const NUMERIC_CELL = /^(-?[\d.,]+( [A-Z]{3})?|n\/a|)$/;

/** A plain text table with right-aligned numbers; columns sized to their widest cell. */
export function renderTable(
  headers: readonly string[],
  body: readonly (readonly string[])[],
  options: TableOptions = {},
): string {
  const footer = options.footer ?? [];
  const rows = [...body, ...footer];
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const shrink = options.shrinkColumn;
  if (options.maxWidth !== undefined && shrink !== undefined) {
    const others = widths.reduce(
      (sum, width, column) => (column === shrink ? sum : sum + width),
      0,
    );
    const room = options.maxWidth - others - 2 * (headers.length - 1);
    widths[shrink] = Math.max(headers[shrink]!.length, Math.min(widths[shrink]!, room));
  }
  const numeric = headers.map(
    (_, column) => rows.length > 0 && rows.every((row) => NUMERIC_CELL.test(row[column] ?? '')),
  );
  const fit = (cell: string, column: number) =>
    cell.length > widths[column]! ? `${cell.slice(0, widths[column]! - 1)}…` : cell;
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        numeric[column]
          ? fit(cell, column).padStart(widths[column]!)
          : fit(cell, column).padEnd(widths[column]!),
      )
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [
    line(headers),
    rule,
    ...body.map(line),
    ...(footer.length > 0 ? [rule, ...footer.map(line)] : []),
  ].join('\n');
}

/** RFC 4180 CSV: CRLF line ends; fields with commas, quotes or line breaks quoted, quotes doubled. */
export function toCsv(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const field = (value: string) =>
    /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  return [headers, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
