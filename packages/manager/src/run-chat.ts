import { toLLMError, type LLMRequest, type LLMResponse } from '@llm/core';
import { CallSession, type ManagerCallOptions } from './call-session';
import { estimatedTokensFor, type ManagerState } from './manager-state';

/** One non-streaming chat call: budget, policies, provider, pricing, one ledger record. */
export async function runChat(
  state: ManagerState,
  request: LLMRequest,
  options: ManagerCallOptions = {},
): Promise<LLMResponse> {
  const session = new CallSession(state, request, options, 'chat');
  const { provider, pipeline } = session.entry;
  try {
    await session.checkBudget();
    const response = await pipeline.execute(
      (attempt) => provider.chatCompletion(request, session.attemptOptions(attempt)),
      {
        signal: options.signal,
        model: request.model,
        estimatedTokens: estimatedTokensFor(session.entry, request),
        actualTokens: (result) => result.usage.total_tokens,
      },
    );
    const usage = session.price(response.usage);
    await session.recordSuccess(usage, response.metadata.request_id);
    return {
      ...response,
      usage,
      metadata: { ...response.metadata, attempts: session.attemptCount },
    };
  } catch (thrown) {
    const error = toLLMError(thrown, provider.name);
    const usage = error.usage ? session.price(error.usage) : undefined;
    await session.recordFailure(error, usage);
    throw usage ? error.with({ usage }) : error;
  }
}
