import type { UsageSummary } from '@llm/core';

const money = (value: number, currency = 'USD') => `${value.toFixed(6)} ${currency}`;

/** The per-model usage table the demo ends with. */
export function usageTable(summaries: readonly UsageSummary[]): string {
  const headers = [
    'provider',
    'model',
    'requests',
    'failed',
    'prompt',
    'completion',
    'total',
    'cost',
  ];
  const rows = summaries.map((summary) => [
    summary.provider_name,
    summary.model_name,
    String(summary.total_requests),
    String(summary.failed_requests),
    String(summary.total_prompt_tokens),
    String(summary.total_completion_tokens),
    String(summary.total_tokens),
    money(summary.total_cost, summary.currency),
  ]);
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join('  ');
  return [
    line(headers),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...rows.map(line),
  ].join('\n');
}
