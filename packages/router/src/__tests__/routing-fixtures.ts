import { LLMError, type LLMErrorOptions, type LLMErrorType } from '@llm/core';
import type { LogicalModel } from '../routing-schemas';
import type { RoutingCatalog } from '../resolve-candidates';

/** A provider-style error of one type, as a mapped SDK error would look. */
export function providerError(type: LLMErrorType, extra: Partial<LLMErrorOptions> = {}): LLMError {
  return new LLMError({
    type,
    message: `${type} from the provider`,
    providerName: 'openai',
    ...extra,
  });
}

export function logical(model: Partial<LogicalModel> & Pick<LogicalModel, 'name'>): LogicalModel {
  return { deployments: [], fallbacks: [], context_window_fallbacks: [], ...model };
}

/** openai and azure both serve gpt-4o-mini; claude serves haiku; gpt-4.1 has a large window. */
export function sampleCatalog(logicalModels: LogicalModel[] = []): RoutingCatalog {
  return {
    logicalModels,
    providers: [
      {
        name: 'openai',
        models: [
          { name: 'gpt-4o-mini', context_window: 128_000 },
          { name: 'gpt-4o', context_window: 128_000 },
          { name: 'gpt-4.1', context_window: 1_000_000 },
        ],
      },
      { name: 'azure', models: [{ name: 'gpt-4o-mini', model_id: 'mini-deployment' }] },
      { name: 'claude', models: [{ name: 'claude-haiku-4-5-20251001', context_window: 200_000 }] },
      { name: 'offline', enabled: false, models: [{ name: 'gpt-4o-mini' }] },
    ],
  };
}
