import { findConfigFile } from '@llm/config';
import { UsageError } from './cli-error';
import type { CliIO, ParsedArgs } from './command';

/** The config file a command uses: --config, then $LLM_CONFIG, then ./llm.toml. */
export function configFileFor(args: ParsedArgs, io: CliIO): string {
  const explicit = typeof args.values['config'] === 'string' ? args.values['config'] : undefined;
  const file = findConfigFile({ explicit, env: io.env, cwd: io.cwd });
  if (!file) {
    throw new UsageError(
      'No config file: pass --config <file>, set LLM_CONFIG, or create ./llm.toml',
    );
  }
  return file;
}
