import {
  UsageGroupBySchema,
  type UsageFilter,
  type UsageGroupBy,
  type UsageSummary,
} from '@llm/core';
import type { UsageTracker } from '@llm/usage';
import { COMMON_OPTIONS, CommandLineError, type Command, type ParsedArgs } from '../command';
import { withLedger } from '../command-context';
import { parseTimePoint } from '../format/parse-duration';
import { formatMoney, renderTable, toCsv } from '../format/table-output';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** `--by day,model` and `--by day --by model` both mean: by day, then by model within each day. */
export function groupingsFromArgs(args: ParsedArgs): UsageGroupBy[] {
  const given = args.values['by'];
  const words = (Array.isArray(given) ? given : given === undefined ? ['model'] : [String(given)])
    .flatMap((value) => value.split(','))
    .map((word) => word.trim());
  const groupings = words.map((word) => {
    const parsed = UsageGroupBySchema.safeParse(word);
    if (!parsed.success)
      throw new CommandLineError(
        `--by takes model, provider, day, hour or tag:<key> (got "${word}")`,
      );
    return parsed.data;
  });
  if (new Set(groupings).size !== groupings.length)
    throw new CommandLineError(`--by names a grouping twice (${words.join(',')})`);
  // Records without the tag form their own group, which no filter can select: a tag goes last.
  if (groupings.slice(0, -1).some((grouping) => grouping.startsWith('tag:')))
    throw new CommandLineError('--by tag:<key> must be the last of several groupings');
  return groupings;
}

export function filterFromArgs(args: ParsedArgs, now: number): Omit<UsageFilter, 'group_by'> {
  const since = args.values['since'];
  const until = args.values['until'];
  return {
    time_range: {
      start: typeof since === 'string' ? parseTimePoint(since, '--since', now) : undefined,
      end: typeof until === 'string' ? parseTimePoint(until, '--until', now) : undefined,
    },
    provider_name: args.values['provider'] as string | undefined,
    model_name: args.values['model'] as string | undefined,
  };
}

/** The filter that selects one group of `groupBy` (a tag grouping never comes before another). */
function narrowTo(filter: UsageFilter, groupBy: UsageGroupBy, summary: UsageSummary): UsageFilter {
  const key = summary.group ?? '';
  const within = (start: number, length: number): UsageFilter => ({
    ...filter,
    time_range: {
      start: Math.max(start, filter.time_range?.start ?? -Infinity),
      end: Math.min(start + length, filter.time_range?.end ?? Infinity),
    },
  });
  if (groupBy === 'day') return within(Date.parse(`${key}T00:00:00Z`), DAY_MS);
  if (groupBy === 'hour') return within(Date.parse(key), HOUR_MS);
  if (groupBy === 'none') return filter;
  if (groupBy === 'provider') return { ...filter, provider_name: summary.provider_name };
  return { ...filter, provider_name: summary.provider_name, model_name: summary.model_name };
}

/**
 * Summaries grouped by every grouping in turn: the first grouping's groups, each split by the next.
 * The ledger totals every group itself; `group` joins the keys (`2026-01-31 openai/gpt-4o`).
 */
async function summarize(
  tracker: UsageTracker,
  filter: UsageFilter,
  groupings: readonly UsageGroupBy[],
): Promise<UsageSummary[]> {
  const [first, ...rest] = groupings;
  const summaries = await tracker.getUsageSummary({ ...filter, group_by: first });
  if (rest.length === 0) return summaries;
  const nested = await Promise.all(
    summaries.map(async (outer) =>
      (await summarize(tracker, narrowTo(filter, first!, outer), rest)).map((inner) => ({
        ...inner,
        group: `${outer.group} ${inner.group}`,
      })),
    ),
  );
  return nested.flat();
}

const CSV_COLUMNS = [
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
  'currency',
] as const;

/** Numbers as numbers: the exact decimal cost, and its currency in a column of its own. */
function csvRowOf(summary: UsageSummary): string[] {
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
    summary.total_cost_decimal ?? String(summary.total_cost),
    summary.currency ?? '',
  ];
}

/** For people: the group says provider and model, so the table fits 80 columns. */
const TABLE_COLUMNS = ['group', 'requests', 'failed', 'prompt', 'completion', 'cost'] as const;

function tableRowOf(summary: UsageSummary, label = summary.group ?? summary.model_name): string[] {
  return [
    label,
    String(summary.total_requests),
    String(summary.failed_requests),
    String(summary.total_prompt_tokens),
    String(summary.total_completion_tokens),
    formatMoney(summary.total_cost, summary.currency),
  ];
}

export const usageSummaryCommand: Command = {
  name: 'usage summary',
  summary: 'Requests, tokens and cost from the usage ledger',
  usage:
    '[--since 7d] [--until 2026-01-31] [--by model|provider|day|hour|tag:<key>[,…]] [--provider p] [--model m] [--json|--csv] [--config file]',
  options: {
    ...COMMON_OPTIONS,
    since: {
      type: 'string',
      valueName: 'when',
      description: 'from this long ago (7d, 12h) or this date',
    },
    until: { type: 'string', valueName: 'when', description: 'up to this long ago or this date' },
    by: {
      type: 'string',
      multiple: true,
      valueName: 'groups',
      description:
        'group by model, provider, day, hour or tag:<key>; several as day,model (default: model)',
    },
    provider: { type: 'string', valueName: 'name', description: 'only this provider' },
    model: { type: 'string', valueName: 'name', description: 'only this model' },
    json: { type: 'boolean', description: "print the ledger's summaries as JSON" },
    csv: { type: 'boolean', description: 'print CSV: every count, cost as a number, currency' },
  },
  positionals: 0,
  async run(args, io) {
    const groupings = groupingsFromArgs(args);
    const filter = filterFromArgs(args, Date.now());
    return withLedger(args, io, async (tracker) => {
      const summaries = await summarize(tracker, filter, groupings);
      if (args.values['json']) io.stdout(`${JSON.stringify(summaries, null, 2)}\n`);
      else if (args.values['csv']) io.stdout(toCsv([...CSV_COLUMNS], summaries.map(csvRowOf)));
      else if (summaries.length === 0) io.stdout('No usage recorded for this filter.\n');
      else {
        const [total] = await tracker.getUsageSummary({ ...filter, group_by: 'none' });
        const rows = summaries.map((summary) => tableRowOf(summary));
        const footer = total ? [tableRowOf(total, 'total')] : [];
        const table = renderTable([...TABLE_COLUMNS], rows, {
          footer,
          maxWidth: 80,
          shrinkColumn: 0,
        });
        io.stdout(`${table}\n`);
      }
      return 0;
    });
  },
};
