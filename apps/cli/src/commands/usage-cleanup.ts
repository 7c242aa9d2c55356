import { COMMON_OPTIONS, CommandLineError, type Command } from '../command';
import { withLedger } from '../command-context';
import { parseDuration } from '../format/parse-duration';

const DAY_MS = 86_400_000;

/** `--older-than` in whole days: `0d` is 0 (every record before today, UTC); `36h` is refused. */
function daysOf(text: string): number {
  const ms = parseDuration(text, '--older-than');
  if (ms % DAY_MS !== 0)
    throw new CommandLineError(
      `--older-than takes whole days, since records are kept by UTC day (got "${text}"; e.g. 90d or 2w)`,
    );
  return ms / DAY_MS;
}

export const usageCleanupCommand: Command = {
  name: 'usage cleanup',
  summary:
    'Delete (and archive) usage records older than --older-than, else [llm.usage] retention_days',
  usage: '[--older-than 90d] [--config file]',
  options: {
    ...COMMON_OPTIONS,
    'older-than': {
      type: 'string',
      valueName: 'days',
      description:
        'delete records older than this many whole days, e.g. 90d (default: [llm.usage] retention_days)',
    },
  },
  positionals: 0,
  async run(args, io) {
    const olderThan = args.values['older-than'];
    const given = typeof olderThan === 'string' ? daysOf(olderThan) : undefined;
    return withLedger(args, io, async (tracker) => {
      const days = given ?? tracker.settings.retention_days;
      if (days === undefined)
        throw new CommandLineError(
          'usage cleanup needs --older-than (e.g. --older-than 90d), or retention_days under [llm.usage] in the config',
        );
      const removed = await tracker.cleanupOldRecords(days);
      io.stdout(`Removed ${removed} record(s) older than ${days} day(s).\n`);
      return 0;
    });
  },
};
