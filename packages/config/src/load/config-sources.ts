import { existsSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { ConfigSources } from '../pipeline/build-config';
import { loadDotenvFiles } from '../sources/dotenv-files';
import { readConfigSource, type ParsedSource } from '../sources/read-config-source';

/** Where a configuration comes from. Precedence: defaults < file < overrides file < environment < `config`. */
export interface LoadConfigOptions {
  /** The config file (TOML, or JSON by extension). Default: `$LLM_CONFIG`, then `./llm.toml`, then `./llm.json`. */
  configFile?: string;
  /** A configuration from code, the highest precedence: the `[llm]` table or `{ llm: … }`; providers/models may be arrays with `name`. */
  config?: Record<string, unknown>;
  /** Default: `process.env`. Never modified. */
  env?: Record<string, string | undefined>;
  /** Default: `process.cwd()`. */
  cwd?: string;
  /** Read `.env` in the config file's directory and in cwd (never overriding real variables). Default true. */
  dotenv?: boolean;
  /** The overrides file; default `<config name>.overrides.json` next to the config file. `false` disables it. */
  overridesFile?: string | false;
  /** Provider types registered by other packages, accepted besides openai/azure/claude/anthropic/generic. */
  knownProviderTypes?: readonly string[];
  /**
   * The preset names a `type = "generic"` provider may use (`PRESET_NAMES` of @llm/providers-generic,
   * which config cannot import). Presets are checked only when this is given.
   */
  knownPresets?: readonly string[];
  /**
   * Drop keys whose `${VAR}` is unset instead of failing, for tools that read only non-secret parts
   * (e.g. `llm usage summary` needs the ledger path, not the API keys). Never use it to build providers.
   */
  allowMissingVariables?: boolean;
}

export interface FindConfigFileOptions {
  /** `--config`: used as given (resolved against cwd), even when the file does not exist. */
  explicit?: string;
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
}

/** The file names looked for in the working directory when neither --config nor $LLM_CONFIG names one. */
const DEFAULT_CONFIG_FILE_NAMES: readonly string[] = ['llm.toml', 'llm.json'];

/** `--config`, then `$LLM_CONFIG`, then `./llm.toml` (or `./llm.json`) when it exists; undefined when none. */
export function findConfigFile(options: FindConfigFileOptions = {}): string | undefined {
  const cwd = options.cwd ?? process.cwd();
  if (options.explicit) return resolve(cwd, options.explicit);
  const fromEnvironment = (options.env ?? process.env).LLM_CONFIG;
  if (fromEnvironment) return resolve(cwd, fromEnvironment);
  return DEFAULT_CONFIG_FILE_NAMES.map((name) => resolve(cwd, name)).find((file) =>
    existsSync(file),
  );
}

/** The files a configuration is read from, resolved once. */
export interface SourcePlan {
  configFile?: string;
  overridesFile?: string;
  baseDirectory: string;
  dotenvDirectories: string[];
  env: Readonly<Record<string, string | undefined>>;
}

/** `llm.toml` → `llm.overrides.json` in the same directory. */
function defaultOverridesFile(configFile: string): string {
  return join(dirname(configFile), `${basename(configFile, extname(configFile))}.overrides.json`);
}

/** The directory relative paths resolve against. */
function baseDirectoryFor(configFile: string | undefined, cwd: string): string {
  return configFile ? dirname(resolve(cwd, configFile)) : resolve(cwd);
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

/** Reads the planned files from disk: the config file (required when planned), the overrides file and `.env` files (optional). */
export function readSources(
  plan: SourcePlan,
  options: LoadConfigOptions,
  file?: ParsedSource,
): ConfigSources {
  const dotenv = loadDotenvFiles(plan.dotenvDirectories, plan.env);
  const configSource =
    file ?? (plan.configFile ? readConfigSource(plan.configFile, { required: true }) : undefined);
  const overrides = plan.overridesFile
    ? readConfigSource(plan.overridesFile, { required: false })
    : undefined;
  return {
    ...(configSource ? { file: configSource } : {}),
    ...(overrides ? { overrides } : {}),
    env: dotenv.env,
    ...(options.config ? { code: options.config } : {}),
    baseDirectory: plan.baseDirectory,
    ...(options.knownProviderTypes ? { knownProviderTypes: options.knownProviderTypes } : {}),
    ...(options.knownPresets ? { knownPresets: options.knownPresets } : {}),
    ...(options.allowMissingVariables ? { allowMissingVariables: true } : {}),
    sourceIssues: dotenv.issues,
  };
}
