import { loadConfig, redactConfig } from '@llm/config';
import { COMMON_OPTIONS, type Command } from '../command';
import { loadOptionsFor } from '../command-context';

export const configShowCommand: Command = {
  name: 'config show',
  summary: 'Print the effective merged config with every secret redacted',
  usage: '[--config file]',
  options: { ...COMMON_OPTIONS },
  positionals: 0,
  async run(args, io) {
    const config = await loadConfig(loadOptionsFor(args, io));
    io.stdout(`${JSON.stringify(redactConfig(config), null, 2)}\n`);
    return 0;
  },
};
