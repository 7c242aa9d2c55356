import { formatConfigIssues, validateConfig } from '@llm/config';
import { PRESET_NAMES } from '@llm/providers-generic';
import { COMMON_OPTIONS, type Command } from '../command';
import { configFileFor } from '../command-context';

export const configValidateCommand: Command = {
  name: 'config validate',
  summary: 'Check a config file and report every problem with its path and line',
  usage: '[--config file]',
  options: { ...COMMON_OPTIONS },
  positionals: 0,
  async run(args, io) {
    const configFile = configFileFor(args, io);
    const result = await validateConfig({ configFile, env: io.env, knownPresets: PRESET_NAMES });
    if (!result.valid) {
      io.stderr(
        `${configFile}: ${result.issues.length} problem(s)\n${formatConfigIssues(result.issues)}\n`,
      );
      return 1;
    }
    const providers = result.config?.providers.length ?? 0;
    io.stdout(`${configFile} is valid (${providers} provider(s)).\n`);
    return 0;
  },
};
