export * from './schema/llm-config-schema';
export * from './schema/config-file-schema';
export * from './schema/price-file-schema';

export * from './issues/config-issue';
export * from './issues/config-error';
export * from './issues/format-config-issues';
export { formatConfigPath, type ConfigPath } from './issues/config-path';

export * from './load/load-config-options';
export * from './load/find-config-file';
export * from './load/load-config';
export * from './load/validate-config';
export { defaultOverridesFile } from './load/plan-sources';

export { parseDotenv, type ParsedDotenv } from './sources/parse-dotenv';
export { CONVENTIONAL_VARIABLES } from './sources/conventional-variables';
export { ENVIRONMENT_PREFIX } from './sources/environment-overlay';

export * from './redact-config';

export * from './manager/config-change';
export * from './manager/config-manager-options';
export * from './manager/llm-config-manager';
export * from './manager/create-config-manager';
