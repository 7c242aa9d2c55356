import { planSources } from '../load/plan-sources';
import { ConfigBuilder } from './config-builder';
import type { ConfigManagerOptions } from './config-manager-options';
import { LLMConfigManager } from './llm-config-manager';

/** Loads the configuration (rejecting with ConfigError when invalid) and returns a manager over it. */
export async function createConfigManager(
  options: ConfigManagerOptions = {},
): Promise<LLMConfigManager> {
  const plan = planSources(options);
  const builder = new ConfigBuilder(plan, options);
  const config = builder.buildFresh({});
  return new LLMConfigManager(plan, options, { config, builder });
}
