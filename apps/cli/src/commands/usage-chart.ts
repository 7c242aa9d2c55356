import { Decimal } from '@llm/usage';
import { COMMON_OPTIONS, CommandLineError, type Command } from '../command';
import { withLedger } from '../command-context';
import { renderBarChart } from '../format/bar-chart';
import { stdoutColors } from '../format/colors';
import { formatMoney } from '../format/table-output';
import { filterFromArgs } from './usage-summary';

export const usageChartCommand: Command = {
  name: 'usage chart',
  summary: 'Cost and tokens as terminal bar charts, by day or by model',
  usage: '[--by day|model] [--since 30d] [--until date] [--json] [--config file]',
  options: {
    ...COMMON_OPTIONS,
    by: {
      type: 'string',
      valueName: 'day|model',
      description: 'one bar per day (default) or per model',
    },
    since: {
      type: 'string',
      valueName: 'when',
      description: 'from this long ago or this date (default 30d)',
    },
    until: { type: 'string', valueName: 'when', description: 'up to this long ago or this date' },
    provider: { type: 'string', valueName: 'name', description: 'only this provider' },
    model: { type: 'string', valueName: 'name', description: 'only this model' },
    json: {
      type: 'boolean',
      description: "print the ledger's summaries behind the charts as JSON",
    },
  },
  positionals: 0,
  async run(args, io) {
    const by = (args.values['by'] as string | undefined) ?? 'day';
    if (by !== 'day' && by !== 'model')
      throw new CommandLineError(`--by takes day or model (got "${by}")`);
    const filter = filterFromArgs(
      { ...args, values: { since: '30d', ...args.values } },
      Date.now(),
    );
    return withLedger(args, io, async (tracker) => {
      const summaries = await tracker.getUsageSummary({ ...filter, group_by: by });
      if (args.values['json']) {
        io.stdout(`${JSON.stringify(summaries, null, 2)}\n`);
        return 0;
      }
      if (summaries.length === 0) {
        io.stdout('No usage recorded for this period.\n');
        return 0;
      }
      const rows = [...summaries].sort((a, b) =>
        by === 'day' ? String(a.group).localeCompare(String(b.group)) : b.total_cost - a.total_cost,
      );
      const paint = stdoutColors(io, args);
      const currency = rows[0]!.currency ?? 'USD';
      const total = rows.reduce(
        (sum, row) => sum.plus(Decimal.from(row.total_cost_decimal ?? row.total_cost)),
        Decimal.ZERO,
      );
      const cost = renderBarChart(
        `cost by ${by} (total ${formatMoney(total.toNumber(), currency)})`,
        rows.map((row) => ({
          label: row.group ?? row.model_name,
          value: row.total_cost,
          text: formatMoney(row.total_cost, row.currency),
        })),
        { paintBar: paint.green },
      );
      const tokens = renderBarChart(
        `tokens by ${by} (prompt + completion)`,
        rows.map((row) => ({
          label: row.group ?? row.model_name,
          value: row.total_tokens,
          text: String(row.total_tokens),
        })),
        { paintBar: paint.cyan },
      );
      io.stdout(`${cost}\n\n${tokens}\n`);
      return 0;
    });
  },
};
