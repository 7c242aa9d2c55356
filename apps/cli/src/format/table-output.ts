// Output for people (plain tables, money) and for machines (CSV).
import Table from 'cli-table3';

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
  /** Paints the header cells (e.g. bold on a terminal); the widths are measured before painting. */
  paintHeader?: (text: string) => string;
}

const NUMERIC_CELL = /^(-?[\d.,]+( [A-Z]{3})?|n\/a|)$/;

/** No borders: columns two spaces apart, as `ls -l` and `docker ps` print them. */
const BORDERLESS = Object.fromEntries(
  [
    'top',
    'top-mid',
    'top-left',
    'top-right',
    'bottom',
    'bottom-mid',
    'bottom-left',
    'bottom-right',
    'left',
    'left-mid',
    'mid',
    'mid-mid',
    'right',
    'right-mid',
  ].map((name) => [name, '']),
);

/**
 * A plain text table (cli-table3) with right-aligned numbers, columns sized to their widest cell,
 * a rule under the header and before the footer.
 */
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
  const paint = options.paintHeader ?? ((text: string) => text);
  const table = new Table({
    chars: { ...BORDERLESS, middle: '  ' },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
    colWidths: widths,
    colAligns: numeric.map((isNumber) => (isNumber ? 'right' : 'left')),
    truncate: '…',
    wordWrap: false,
  });
  const rule = widths.map((width) => '-'.repeat(width));
  table.push(
    headers.map(paint),
    rule,
    ...body.map((row) => [...row]),
    ...(footer.length > 0 ? [rule, ...footer.map((row) => [...row])] : []),
  );
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

/** RFC 4180 CSV: CRLF line ends; fields with commas, quotes or line breaks quoted, quotes doubled. */
export function toCsv(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const field = (value: string) =>
    /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  return [headers, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
