// Where a configuration comes from when a tool starts: --config, $LLM_CONFIG, ./llm.toml (or
// ./llm.json), then the user-level file ($XDG_CONFIG_HOME/llm/llm.toml, else
// ~/.config/llm/llm.toml); with none of them, providers from the environment alone.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { findConfigFile, type FindConfigFileOptions } from './config-sources';

/** The user-level config file, whether or not it exists. */
export function userConfigFile(env: Readonly<Record<string, string | undefined>>): string {
  const base = env['XDG_CONFIG_HOME'] || join(env['HOME'] || homedir(), '.config');
  return join(base, 'llm', 'llm.toml');
}

/** Which rule found the config file. */
export type ConfigFileOrigin = '--config' | 'LLM_CONFIG' | 'working directory' | 'user config';

export interface LocatedConfigFile {
  readonly file: string;
  readonly origin: ConfigFileOrigin;
}

/**
 * The config file by the lookup order above; undefined when there is none, and the caller may
 * then build providers from the environment (`configFromEnvironment`).
 */
export function locateConfigFile(
  options: FindConfigFileOptions = {},
): LocatedConfigFile | undefined {
  const env = options.env ?? process.env;
  const found = findConfigFile(options);
  if (found)
    return {
      file: found,
      origin: options.explicit
        ? '--config'
        : env['LLM_CONFIG']
          ? 'LLM_CONFIG'
          : 'working directory',
    };
  const user = userConfigFile(env);
  return existsSync(user) ? { file: user, origin: 'user config' } : undefined;
}
