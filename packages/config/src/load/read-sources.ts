import type { ConfigSources } from '../pipeline/build-config';
import { loadDotenvFiles } from '../sources/load-dotenv-files';
import type { ParsedSource } from '../sources/parsed-source';
import { readConfigSource } from '../sources/read-config-source';
import type { LoadConfigOptions } from './load-config-options';
import type { SourcePlan } from './plan-sources';

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
    ...(options.allowMissingVariables ? { allowMissingVariables: true } : {}),
    sourceIssues: dotenv.issues,
  };
}
