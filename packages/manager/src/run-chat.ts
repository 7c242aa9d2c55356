import { toLLMError, type LLMRequest, type LLMResponse } from '@llm/core';
import { AttemptCounter, mergeTags, newRequestId, type ManagerCallOptions } from './call-context';
import { failureKind } from './failure-kind';
import { estimatedTokensFor, routeRequest, type ManagerState } from './manager-state';

/** One non-streaming chat call: budget, policies, provider, pricing, one ledger record. */
export async function runChat(
  state: ManagerState,
  request: LLMRequest,
  options: ManagerCallOptions = {},
): Promise<LLMResponse> {
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
    operation: 'chat' as const,
    tags,
    stream: false,
  };
  try {
    await state.budgets()?.check({ provider: provider.name, model: request.model, tags });
    const response = await pipeline.execute(
      (attempt) => {
        attempts.see(attempt.attempt);
        return provider.chatCompletion(request, { ...options, signal: attempt.signal });
      },
      {
        signal: options.signal,
        model: request.model,
        estimatedTokens: estimatedTokensFor(entry, request),
        actualTokens: (result) => result.usage.total_tokens,
      },
    );
    const usage = state.accounting.price(response.usage, provider, request.model, 'chat');
    const responseTime = state.clock.now() - startedAt;
    await state.accounting.record({
      ...outcome,
      responseTime,
      usage,
      success: true,
      providerRequestId: response.metadata.request_id,
      attempts: attempts.count || 1,
    });
    return {
      ...response,
      usage,
      metadata: { ...response.metadata, attempts: attempts.count || 1 },
    };
  } catch (thrown) {
    const error = toLLMError(thrown, provider.name);
    const usage = error.usage
      ? state.accounting.price(error.usage, provider, request.model, 'chat')
      : undefined;
    await state.accounting.record({
      ...outcome,
      responseTime: state.clock.now() - startedAt,
      usage,
      success: false,
      errorType: failureKind(error),
      errorMessage: error.message,
      providerRequestId: error.requestId,
      attempts: attempts.count || undefined,
    });
    throw usage ? error.with({ usage }) : error;
  }
}
