// Horizontal bar charts for the terminal: one labelled bar per row, scaled to the largest value,
// drawn with block characters (eighths, so short bars still differ).

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

export interface BarRow {
  readonly label: string;
  readonly value: number;
  /** Shown after the bar, e.g. `0.0042 USD`. */
  readonly text: string;
}

/** A bar of `fraction` (0-1) of `width` cells. */
export function bar(fraction: number, width: number): string {
  const eighths = Math.round(Math.max(0, Math.min(1, fraction)) * width * 8);
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

/** The chart, at most `maxWidth` columns wide; labels are cut with `…` to leave the bars room. */
export function renderBarChart(
  title: string,
  rows: readonly BarRow[],
  options: { maxWidth?: number; paintBar?: (text: string) => string } = {},
): string {
  const maxWidth = options.maxWidth ?? 80;
  const paint = options.paintBar ?? ((text: string) => text);
  const textWidth = Math.max(0, ...rows.map((row) => row.text.length));
  const labelWidth = Math.min(
    Math.max(0, ...rows.map((row) => row.label.length)),
    Math.max(8, Math.floor(maxWidth / 3)),
  );
  const barWidth = Math.max(10, maxWidth - labelWidth - textWidth - 4);
  const top = Math.max(0, ...rows.map((row) => row.value));
  const lines = rows.map((row) => {
    const label =
      row.label.length > labelWidth ? `${row.label.slice(0, labelWidth - 1)}…` : row.label;
    const drawn = bar(top > 0 ? row.value / top : 0, barWidth);
    return `${label.padEnd(labelWidth)}  ${paint(drawn)}${' '.repeat(barWidth - drawn.length)}  ${row.text}`.trimEnd();
  });
  return [title, ...lines].join('\n');
}
