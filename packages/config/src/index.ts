export {
  LLMConfigSchema,
  LLMConfigFileSchema,
  PriceFileSchema,
  type LLMConfig,
  type LLMConfigInput,
  type LLMConfigFile,
  type LLMConfigFileInput,
  type PriceFile,
} from './schema/config-schema';
export { LoggingSettingsSchema, type LoggingSettings } from './schema/logging-schema';
export { CacheSettingsSchema, type CacheSettings } from './schema/cache-schema';
export {
  ConfigError,
  formatConfigIssues,
  type ConfigIssue,
  type FormatConfigIssuesOptions,
} from './issues/config-error';
export {
  findConfigFile,
  type FindConfigFileOptions,
  type LoadConfigOptions,
} from './load/config-sources';
export {
  locateConfigFile,
  userConfigFile,
  type ConfigFileOrigin,
  type LocatedConfigFile,
} from './load/locate-config';
export {
  configFromEnvironment,
  ENVIRONMENT_PROVIDERS,
  type EnvironmentConfig,
  type EnvironmentConfigOptions,
  type EnvironmentProviderRule,
} from './load/environment-config';
export { describeConfigSources, type ConfigValueSource } from './load/config-value-sources';
export { loadConfig, validateConfig, type ConfigValidation } from './load/load-config';
export { redactConfig } from './redact-config';
export type { ConfigChange, ConfigChangeSource } from './live/config-change';
export {
  createConfigManager,
  LLMConfigManager,
  type ConfigManagerOptions,
} from './live/llm-config-manager';
