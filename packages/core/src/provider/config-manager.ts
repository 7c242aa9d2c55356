import type { LLMModelConfig, LLMProviderConfig } from '../schemas/provider-config';

/** Seed 001 ILLMConfigManager. */
export interface ILLMConfigManager {
  getProviderConfig(name: string): LLMProviderConfig | null;
  getAllProviders(): LLMProviderConfig[];
  getDefaultProvider(): string | null;
  getModelConfig(providerName: string, modelName: string): LLMModelConfig | null;

  addProvider(config: LLMProviderConfig): Promise<void>;
  updateProvider(name: string, updates: Partial<LLMProviderConfig>): Promise<void>;
  removeProvider(name: string): Promise<void>;

  reloadConfig(): Promise<void>;
  onConfigChanged(callback: (config: LLMProviderConfig[]) => void): void;
}
