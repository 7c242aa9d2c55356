import { redactText } from '@llm/core';
import { ConfigError, type ConfigIssue } from '../issues/config-error';
import { buildConfig } from '../pipeline/build-config';
import { secretEnvironmentValues } from '../redact-config';
import type { LLMConfig } from '../schema/config-schema';
import { planSources, readSources, type LoadConfigOptions } from './config-sources';

export interface ConfigValidation {
  valid: boolean;
  /** Every problem, each with its dotted path and, for files, line and column. */
  issues: ConfigIssue[];
  /** Problems that leave the configuration usable: a provider disabled because its secret's variable is unset. */
  warnings: ConfigIssue[];
  config?: LLMConfig;
  /** The config file that was read, if any. */
  configFile?: string;
}

/** Loads and validates without throwing for bad input: for `llm config validate`. */
export async function validateConfig(options: LoadConfigOptions = {}): Promise<ConfigValidation> {
  let configFile: string | undefined;
  try {
    const plan = planSources(options);
    configFile = plan.configFile;
    const result = buildConfig(readSources(plan, options));
    return {
      valid: result.issues.length === 0,
      issues: result.issues,
      warnings: result.warnings,
      ...(result.config ? { config: result.config } : {}),
      ...(configFile ? { configFile } : {}),
    };
  } catch (error) {
    return {
      valid: false,
      issues: [unexpectedLoadIssue(error, options.env, configFile)],
      warnings: [],
      ...(configFile ? { configFile } : {}),
    };
  }
}

/** A failure that is not a problem of the configuration itself (a bug, an I/O fault), as an issue; secrets redacted. */
export function unexpectedLoadIssue(
  error: unknown,
  env: LoadConfigOptions['env'],
  configFile?: string,
): ConfigIssue {
  const detail =
    error instanceof Error
      ? redactText(error.message, secretEnvironmentValues(env ?? process.env))
      : String(error);
  return {
    path: '',
    message: `unexpected error while loading the configuration: ${detail}`,
    ...(configFile ? { file: configFile } : {}),
  };
}

/** Loads, merges, substitutes and validates the configuration; rejects with ConfigError listing every issue. */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LLMConfig> {
  const result = await validateConfig(options);
  if (!result.config) throw new ConfigError(result.issues);
  return result.config;
}
