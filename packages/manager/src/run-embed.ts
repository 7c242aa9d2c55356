import { LLMError, LLMErrorType, type EmbeddingRequest, type EmbeddingResponse } from '@llm/core';
import { CallSession, type CallServices, type ManagerCallOptions } from './call-session';
import type { ManagerSnapshot } from './manager-snapshot';
import type { ProviderEntry } from './provider-runtime';
import { checkEmbeddingRequest } from './request-checks';
import { runUnary, type UnaryOperation } from './routed-attempts';

/** The provider's `embed`, or the refusal of a provider type without embeddings (the router moves on). */
function embedderOf(entry: ProviderEntry, model: string) {
  const { provider } = entry;
  const embed = provider.embed?.bind(provider);
  if (embed) return embed;
  throw new LLMError({
    type: LLMErrorType.INVALID_REQUEST,
    message: `Provider "${provider.name}" (type ${provider.type}) does not support embeddings`,
    providerName: provider.name,
    model,
    retryable: false,
  });
}

const EMBED: UnaryOperation<EmbeddingRequest, EmbeddingResponse> = {
  checks: { shape: checkEmbeddingRequest },
  send(step, session) {
    const embed = embedderOf(step.entry, step.model);
    return step.entry.pipeline.execute(
      (attempt) =>
        session.sendAttempt(attempt, step.key, (callOptions) => embed(step.request, callOptions)),
      { signal: step.signal, model: step.model, origin: session.context },
    );
  },
  async answer(session, response) {
    const usage = session.price(response.usage);
    await session.recordSuccess(usage, response.metadata.request_id, undefined, {
      response_model: response.model,
    });
    return { ...response, usage };
  },
};

/**
 * One embeddings call, routed through the same logical models and deployments as chat (a failed
 * deployment fails over to the next), priced at the input price and recorded like a chat call.
 */
export function runEmbed(
  services: CallServices,
  snapshot: ManagerSnapshot,
  raw: EmbeddingRequest,
  options: ManagerCallOptions = {},
): Promise<EmbeddingResponse> {
  const session = new CallSession(services, snapshot, raw, options, 'embedding');
  return runUnary(session, services, snapshot, raw, options, EMBED);
}
