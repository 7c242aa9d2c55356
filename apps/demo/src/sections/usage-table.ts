import type { DemoSection } from '../demo-section';
import { usageTable } from '../print-usage-table';

export const usageByModelAndDay: DemoSection = {
  title: 'The usage table by model and day',
  explanation:
    'Every call above was recorded in the usage ledger (failed ones too). The ledger sums tokens\n' +
    'and cost exactly, grouped by model, and by day.',
  async run({ manager, write }) {
    write(
      `Usage by model\n${usageTable(await manager.getUsageSummary({ group_by: 'model' }))}\n\nUsage by day\n`,
    );
    const byDay = await manager.getUsageSummary({ group_by: 'day' });
    for (const day of byDay)
      write(
        `  ${day.group}: ${day.total_requests} requests, ${day.total_tokens} tokens, ${day.total_cost.toFixed(6)} ${day.currency ?? 'USD'}\n`,
      );
  },
};
