import { toLLMError, type LLMRequest, type LLMStreamChunk, type TokenUsage } from '@llm/core';
import { AttemptCounter, mergeTags, newRequestId, type ManagerCallOptions } from './call-context';
import { estimatePartialUsage } from './estimate-partial-usage';
import { failureKind } from './failure-kind';
import { estimatedTokensFor, routeRequest, type ManagerState } from './manager-state';

/**
 * One streaming chat call. Chunks pass through as they arrive; the `finish` chunk's usage is priced.
 * Exactly one ledger record is written whether the stream finishes, fails, or the consumer stops.
 */
export async function* runStream(
  state: ManagerState,
  request: LLMRequest,
  options: ManagerCallOptions = {},
): AsyncGenerator<LLMStreamChunk, void, undefined> {
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
    stream: true,
  };
  const price = (usage: TokenUsage) =>
    state.accounting.price(usage, provider, request.model, 'chat');
  let receivedText = '';
  let receivedAny = false;
  let settled = false;
  // Known usage, else an estimate once output has flowed; nothing when the call never got an answer.
  const usageAfterFailure = (reported: TokenUsage | undefined) =>
    reported
      ? price(reported)
      : receivedAny
        ? price(estimatePartialUsage(request, receivedText))
        : undefined;

  try {
    await state.budgets()?.check({ provider: provider.name, model: request.model, tags });
    const chunks = pipeline.executeStream<LLMStreamChunk>(
      (attempt) => {
        attempts.see(attempt.attempt);
        return provider.streamCompletion(request, { ...options, signal: attempt.signal });
      },
      {
        signal: options.signal,
        model: request.model,
        estimatedTokens: estimatedTokensFor(entry, request),
        actualTokens: (chunk) => (chunk.type === 'finish' ? chunk.usage.total_tokens : undefined),
      },
    );
    for await (const chunk of chunks) {
      receivedAny = true;
      if (chunk.type === 'text-delta') receivedText += chunk.delta;
      if (chunk.type !== 'finish') {
        yield chunk;
        continue;
      }
      const usage = price(chunk.usage);
      settled = true;
      await state.accounting.record({
        ...outcome,
        responseTime: state.clock.now() - startedAt,
        usage,
        success: true,
        providerRequestId: chunk.metadata?.request_id,
        attempts: attempts.count || 1,
      });
      yield { ...chunk, usage, metadata: { ...chunk.metadata, attempts: attempts.count || 1 } };
    }
  } catch (thrown) {
    const error = toLLMError(thrown, provider.name);
    const usage = usageAfterFailure(error.usage);
    settled = true;
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
  } finally {
    if (!settled) {
      // The consumer stopped early (break/return): the provider request is cancelled; record what we know.
      await state.accounting.record({
        ...outcome,
        responseTime: state.clock.now() - startedAt,
        usage: usageAfterFailure(undefined),
        success: false,
        errorType: 'aborted',
        errorMessage: 'The consumer stopped reading the stream before it finished.',
        attempts: attempts.count || undefined,
      });
    }
  }
}
