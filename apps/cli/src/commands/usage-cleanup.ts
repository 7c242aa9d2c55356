import { COMMON_OPTIONS, CommandLineError, type Command } from '../command';
import { parseDuration } from '../format/parse-duration';
import { openLedger } from '../command-context';

const DAY_MS = 86_400_000;

export const usageCleanupCommand: Command = {
  name: 'usage cleanup',
  summary: 'Archive and delete usage records older than a retention period',
  usage: '--older-than 90d [--config file]',
  options: { ...COMMON_OPTIONS, 'older-than': { type: 'string' } },
  async run(args, io) {
    const olderThan = args.values['older-than'];
    if (typeof olderThan !== 'string')
      throw new CommandLineError('usage cleanup needs --older-than, e.g. --older-than 90d');
    const days = Math.max(1, Math.round(parseDuration(olderThan, '--older-than') / DAY_MS));
    const { tracker } = await openLedger(args, io);
    try {
      const removed = await tracker.cleanupOldRecords(days);
      io.stdout(`Removed ${removed} record(s) older than ${days} day(s).\n`);
      return 0;
    } finally {
      await tracker.close();
    }
  },
};
