import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DemoSection } from '../demo-section';

export const csvExport: DemoSection = {
  title: 'A CSV export',
  explanation:
    'The ledger exports every record (one line per provider request, costs as exact decimals) for a\n' +
    'spreadsheet or a data warehouse.',
  async run({ manager, directory, write }) {
    const file = path.join(directory, 'usage.csv');
    if (!manager.usage) return write('  usage tracking is off: nothing to export\n');
    await manager.usage.exportUsageToFile(file, 'csv');
    const lines = (await readFile(file, 'utf8')).trimEnd().split(/\r?\n/);
    write(`  ${file}: ${lines.length - 1} records\n  ${lines[0]}\n  ${lines[1] ?? ''}\n`);
  },
};
