import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { COMMON_OPTIONS, CommandLineError, type Command } from '../command';
import { withLedger } from '../command-context';
import { filterFromArgs } from './usage-summary';

export const usageExportCommand: Command = {
  name: 'usage export',
  summary: 'Export usage records as CSV or JSON',
  usage:
    '--format csv|json [--out file] [--since 7d] [--until date] [--provider p] [--model m] [--config file]',
  options: {
    ...COMMON_OPTIONS,
    format: { type: 'string', short: 'f', valueName: 'csv|json', description: 'output format' },
    out: {
      type: 'string',
      short: 'o',
      valueName: 'file',
      description: 'write to this file (default: stdout)',
    },
    since: {
      type: 'string',
      valueName: 'when',
      description: 'from this long ago (7d, 12h) or this date',
    },
    until: { type: 'string', valueName: 'when', description: 'up to this long ago or this date' },
    provider: { type: 'string', valueName: 'name', description: 'only this provider' },
    model: { type: 'string', valueName: 'name', description: 'only this model' },
  },
  positionals: 0,
  async run(args, io) {
    const format = args.values['format'] ?? 'csv';
    if (format !== 'csv' && format !== 'json')
      throw new CommandLineError(`--format takes csv or json (got "${String(format)}")`);
    const filter = filterFromArgs(args, Date.now());
    const text = await withLedger(args, io, (tracker) => tracker.exportUsage(format, filter));
    const out = args.values['out'];
    if (typeof out === 'string') {
      const target = path.resolve(io.cwd, out);
      await writeFile(target, text);
      io.stderr(`wrote ${target}\n`);
    } else io.stdout(text.endsWith('\n') ? text : `${text}\n`);
    return 0;
  },
};
