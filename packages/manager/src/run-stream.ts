import {
  estimateUsage,
  toLLMError,
  type LLMRequest,
  type LLMStreamChunk,
  type TokenUsage,
} from '@llm/core';
import { CallSession, type ManagerCallOptions } from './call-session';
import { estimatedTokensFor, type ManagerState } from './manager-state';

/**
 * One streaming chat call. Chunks pass through as they arrive; the `finish` chunk's usage is priced.
 * Exactly one ledger record is written whether the stream finishes, fails, or the consumer stops.
 */
export async function* runStream(
  state: ManagerState,
  request: LLMRequest,
  options: ManagerCallOptions = {},
): AsyncGenerator<LLMStreamChunk, void, undefined> {
  const session = new CallSession(state, request, options, 'chat', true);
  const { provider, pipeline } = session.entry;
  let receivedText = '';
  let receivedAny = false;
  let settled = false;
  // Known usage, else an estimate once output has flowed; nothing when the call never got an answer.
  const usageAfterFailure = (reported: TokenUsage | undefined) =>
    reported
      ? session.price(reported)
      : receivedAny
        ? session.price(estimateUsage(request, { text: receivedText }, request.model))
        : undefined;

  try {
    await session.checkBudget();
    const chunks = pipeline.executeStream<LLMStreamChunk>(
      (attempt) => provider.streamCompletion(request, session.attemptOptions(attempt)),
      {
        signal: options.signal,
        model: request.model,
        estimatedTokens: estimatedTokensFor(session.entry, request),
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
      const usage = session.price(chunk.usage);
      settled = true;
      await session.recordSuccess(usage, chunk.metadata?.request_id);
      yield { ...chunk, usage, metadata: { ...chunk.metadata, attempts: session.attemptCount } };
    }
  } catch (thrown) {
    const error = toLLMError(thrown, provider.name);
    const usage = usageAfterFailure(error.usage);
    settled = true;
    await session.recordFailure(error, usage);
    throw usage ? error.with({ usage }) : error;
  } finally {
    if (!settled) {
      // The consumer stopped early (break/return): the provider request is cancelled; record what we know.
      await session.recordStopped(usageAfterFailure(undefined));
    }
  }
}
