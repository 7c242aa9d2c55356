import {
  LLMError,
  LLMErrorType,
  toLLMError,
  type EmbeddingRequest,
  type EmbeddingResponse,
} from '@llm/core';
import { AttemptCounter, mergeTags, newRequestId, type ManagerCallOptions } from './call-context';
import { failureKind } from './failure-kind';
import { routeRequest, type ManagerState } from './manager-state';

/** One embeddings call, priced at the input price and recorded like a chat call. */
export async function runEmbed(
  state: ManagerState,
  request: EmbeddingRequest,
  options: ManagerCallOptions = {},
): Promise<EmbeddingResponse> {
  const entry = routeRequest(state, request);
  const { provider, pipeline } = entry;
  const requestId = newRequestId(options);
  const tags = mergeTags(request.tags, options);
  const startedAt = state.clock.now();
  const attempts = new AttemptCounter();
  const outcome = {
    provider,
    model: request.model,
    requestId,
    startedAt,
    operation: 'embedding' as const,
    tags,
  };
  try {
    const embed = provider.embed?.bind(provider);
    if (!embed) {
      throw new LLMError({
        type: LLMErrorType.INVALID_REQUEST,
        message: `Provider "${provider.name}" (type ${provider.type}) does not support embeddings`,
        providerName: provider.name,
        model: request.model,
        retryable: false,
      });
    }
    await state.budgets()?.check({ provider: provider.name, model: request.model, tags });
    const response = await pipeline.execute(
      (attempt) => {
        attempts.see(attempt.attempt);
        return embed(request, { ...options, signal: attempt.signal });
      },
      { signal: options.signal, model: request.model },
    );
    const usage = state.accounting.price(response.usage, provider, request.model, 'embedding');
    await state.accounting.record({
      ...outcome,
      responseTime: state.clock.now() - startedAt,
      usage,
      success: true,
      providerRequestId: response.metadata.request_id,
      attempts: attempts.count || 1,
    });
    return { ...response, usage };
  } catch (thrown) {
    const error = toLLMError(thrown, provider.name);
    await state.accounting.record({
      ...outcome,
      responseTime: state.clock.now() - startedAt,
      success: false,
      errorType: failureKind(error),
      errorMessage: error.message,
      providerRequestId: error.requestId,
      attempts: attempts.count || undefined,
    });
    throw error;
  }
}
