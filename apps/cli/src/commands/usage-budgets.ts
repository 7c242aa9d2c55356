import { createBudgetGuard } from '@llm/usage';
import { COMMON_OPTIONS, type Command } from '../command';
import { withLedger } from '../command-context';
import { stdoutColors } from '../format/colors';
import { renderTable } from '../format/table-output';

export const usageBudgetsCommand: Command = {
  name: 'usage budgets',
  summary: "Each budget's spending this period, its limit and when it resets",
  usage: '[--json] [--config file]',
  options: {
    ...COMMON_OPTIONS,
    json: {
      type: 'boolean',
      description: 'print the budget states as JSON (exact decimal strings)',
    },
  },
  positionals: 0,
  async run(args, io) {
    return withLedger(args, io, async (tracker, config) => {
      const budgets = config.budgets ?? [];
      // The same guard the manager applies: what it says here is what a call is checked against.
      const statuses = await createBudgetGuard({
        budgets,
        tracker,
        displayCurrency: config.display_currency,
        exchangeRates: config.exchange_rates,
      }).status();
      if (args.values['json']) {
        io.stdout(`${JSON.stringify(statuses, null, 2)}\n`);
        return 0;
      }
      if (statuses.length === 0) {
        io.stdout('No budgets configured ([[llm.budgets]] in the config).\n');
        return 0;
      }
      const paint = stdoutColors(io, args);
      const rows = statuses.map((status) => [
        status.name,
        status.scope,
        status.periodLabel,
        `${status.spent} ${status.currency}`,
        `${status.limit} ${status.currency}`,
        status.budget.action,
        new Date(status.resetsAt).toISOString().slice(0, 16).replace('T', ' '),
        status.exceeded ? paint.red('exceeded') : paint.green('ok'),
      ]);
      io.stdout(
        `${renderTable(['budget', 'scope', 'period', 'spent', 'limit', 'action', 'resets (UTC)', 'state'], rows, { paintHeader: paint.bold })}\n`,
      );
      return 0;
    });
  },
};
