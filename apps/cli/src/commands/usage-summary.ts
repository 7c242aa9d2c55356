import { UsageGroupBySchema, type UsageFilter, type UsageSummary } from '@llm/core';
import { COMMON_OPTIONS, CommandLineError, type Command, type ParsedArgs } from '../command';
import { openLedger } from '../command-context';
import { parseTimePoint } from '../format/parse-duration';
import { formatMoney, renderTable, toCsv } from '../format/table-output';

export function filterFromArgs(args: ParsedArgs, now: number): UsageFilter {
  const since = args.values['since'];
  const until = args.values['until'];
  const by = (args.values['by'] as string | undefined) ?? 'model';
  const groupBy = UsageGroupBySchema.safeParse(by);
  if (!groupBy.success)
    throw new CommandLineError(`--by takes model, provider, day, hour or tag:<key> (got "${by}")`);
  return {
    time_range: {
      start: typeof since === 'string' ? parseTimePoint(since, '--since', now) : undefined,
      end: typeof until === 'string' ? parseTimePoint(until, '--until', now) : undefined,
    },
    provider_name: args.values['provider'] as string | undefined,
    model_name: args.values['model'] as string | undefined,
    group_by: groupBy.data,
  };
}

const COLUMNS = [
  'group',
  'provider',
  'model',
  'requests',
  'ok',
  'failed',
  'prompt',
  'completion',
  'total',
  'cost',
] as const;

function rowOf(summary: UsageSummary): string[] {
  return [
    summary.group ?? summary.model_name,
    summary.provider_name,
    summary.model_name,
    String(summary.total_requests),
    String(summary.successful_requests),
    String(summary.failed_requests),
    String(summary.total_prompt_tokens),
    String(summary.total_completion_tokens),
    String(summary.total_tokens),
    formatMoney(summary.total_cost, summary.currency),
  ];
}

export const usageSummaryCommand: Command = {
  name: 'usage summary',
  summary: 'Requests, tokens and cost from the usage ledger',
  usage:
    '[--since 7d] [--until 2026-01-31] [--by model|provider|day|hour|tag:<key>] [--provider p] [--model m] [--json|--csv] [--config file]',
  options: {
    ...COMMON_OPTIONS,
    since: { type: 'string' },
    until: { type: 'string' },
    by: { type: 'string' },
    provider: { type: 'string' },
    model: { type: 'string' },
    json: { type: 'boolean' },
    csv: { type: 'boolean' },
  },
  async run(args, io) {
    const filter = filterFromArgs(args, Date.now());
    const { tracker } = await openLedger(args, io);
    try {
      const summaries = await tracker.getUsageSummary(filter);
      if (args.values['json']) io.stdout(`${JSON.stringify(summaries, null, 2)}\n`);
      else if (args.values['csv']) io.stdout(toCsv([...COLUMNS], summaries.map(rowOf)));
      else if (summaries.length === 0) io.stdout('No usage recorded for this filter.\n');
      else io.stdout(`${renderTable([...COLUMNS], summaries.map(rowOf))}\n`);
      return 0;
    } finally {
      await tracker.close();
    }
  },
};
