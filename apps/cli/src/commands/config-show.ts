import { describeConfigSources, loadConfig, redactConfig } from '@llm/config';
import { stringify } from 'smol-toml';
import { COMMON_OPTIONS, type Command } from '../command';
import { loadOptionsFor } from '../command-context';
import { stdoutColors } from '../format/colors';
import { renderTable } from '../format/table-output';

/** TOML has no null or undefined: such keys are left out, as they would be absent from a file. */
function withoutEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmpty);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, entry]) => entry !== null && entry !== undefined)
        .map(([key, entry]) => [key, withoutEmpty(entry)]),
    );
  return value;
}

export const configShowCommand: Command = {
  name: 'config show',
  summary:
    'Print the effective config as TOML with every secret redacted; --sources says where each value came from',
  usage: '[--json] [--sources] [--config file]',
  options: {
    ...COMMON_OPTIONS,
    json: {
      type: 'boolean',
      description: 'print the config (or with --sources, the sources) as JSON',
    },
    sources: {
      type: 'boolean',
      description: 'list each value set by a file, an environment variable or code, and where',
    },
  },
  positionals: 0,
  async run(args, io) {
    const options = loadOptionsFor(args, io);
    const config = await loadConfig(options);
    if (args.values['sources']) {
      const entries = describeConfigSources(options);
      if (args.values['json']) io.stdout(`${JSON.stringify(entries, null, 2)}\n`);
      else
        io.stdout(
          `${renderTable(
            ['value', 'from'],
            entries.map((entry) => [entry.path, entry.description]),
            { paintHeader: stdoutColors(io, args).bold },
          )}\n(values not listed are defaults)\n`,
        );
      return 0;
    }
    const redacted = redactConfig(config);
    if (args.values['json']) io.stdout(`${JSON.stringify(redacted, null, 2)}\n`);
    else io.stdout(`${stringify(withoutEmpty({ llm: redacted }) as Record<string, unknown>)}\n`);
    return 0;
  },
};
