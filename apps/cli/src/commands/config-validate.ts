import { formatConfigIssues, validateConfig } from '@llm/config';
import { PRESET_NAMES } from '@llm/providers-generic';
import { COMMON_OPTIONS, type Command } from '../command';
import { configFileFor } from '../command-context';

export const configValidateCommand: Command = {
  name: 'config validate',
  summary: 'Check a config file and report every problem with its path and line',
  usage: '[--config file] [--strict]',
  options: {
    ...COMMON_OPTIONS,
    strict: {
      type: 'boolean',
      description: 'also fail on warnings (a provider turned off because its secret is unset)',
    },
  },
  positionals: 0,
  async run(args, io) {
    const configFile = configFileFor(args, io);
    const strict = args.values['strict'] === true;
    const result = await validateConfig({ configFile, env: io.env, knownPresets: PRESET_NAMES });
    // A provider turned off for an unset secret is a warning: the others still work. --strict fails on it.
    const warnings = result.warnings;
    const problems = strict ? [...result.issues, ...warnings] : result.issues;
    if (!result.valid || problems.length > 0) {
      io.stderr(`${configFile}: ${problems.length} problem(s)\n${formatConfigIssues(problems)}\n`);
      return 1;
    }
    if (warnings.length > 0)
      io.stderr(`${configFile}: ${warnings.length} warning(s)\n${formatConfigIssues(warnings)}\n`);
    const providers = result.config?.providers.length ?? 0;
    io.stdout(`${configFile} is valid (${providers} provider(s)).\n`);
    return 0;
  },
};
