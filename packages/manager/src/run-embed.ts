import {
  LLMError,
  LLMErrorType,
  toLLMError,
  type EmbeddingRequest,
  type EmbeddingResponse,
} from '@llm/core';
import { CallSession, type ManagerCallOptions } from './call-session';
import type { ManagerState } from './manager-state';

/** One embeddings call, priced at the input price and recorded like a chat call. */
export async function runEmbed(
  state: ManagerState,
  request: EmbeddingRequest,
  options: ManagerCallOptions = {},
): Promise<EmbeddingResponse> {
  const session = new CallSession(state, request, options, 'embedding');
  const { provider, pipeline } = session.entry;
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
    await session.checkBudget();
    const response = await pipeline.execute(
      (attempt) => embed(request, session.attemptOptions(attempt)),
      { signal: options.signal, model: request.model },
    );
    const usage = session.price(response.usage);
    await session.recordSuccess(usage, response.metadata.request_id);
    return { ...response, usage };
  } catch (thrown) {
    const error = toLLMError(thrown, provider.name);
    await session.recordFailure(error);
    throw error;
  }
}
