import { basename, dirname, extname, join, resolve } from 'node:path';
import { baseDirectoryFor } from '../pipeline/build-config';
import { findConfigFile } from './find-config-file';
import type { LoadConfigOptions } from './load-config-options';

/** The files a configuration is read from, resolved once. */
export interface SourcePlan {
  configFile?: string;
  overridesFile?: string;
  baseDirectory: string;
  dotenvDirectories: string[];
  env: Readonly<Record<string, string | undefined>>;
}

/** `llm.toml` → `llm.overrides.json` in the same directory. */
export function defaultOverridesFile(configFile: string): string {
  return join(dirname(configFile), `${basename(configFile, extname(configFile))}.overrides.json`);
}

export function planSources(options: LoadConfigOptions): SourcePlan {
  const cwd = resolve(options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  const configFile = findConfigFile({ explicit: options.configFile, env, cwd });
  const overridesFile =
    options.overridesFile === false
      ? undefined
      : options.overridesFile
        ? resolve(cwd, options.overridesFile)
        : configFile && defaultOverridesFile(configFile);
  const baseDirectory = baseDirectoryFor(configFile, cwd);
  const dotenvDirectories = options.dotenv === false ? [] : [baseDirectory, cwd];
  return {
    ...(configFile ? { configFile } : {}),
    ...(overridesFile ? { overridesFile } : {}),
    baseDirectory,
    dotenvDirectories,
    env,
  };
}
