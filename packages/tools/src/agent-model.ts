import type { LLMRequest, LLMResponse, LLMStreamChunk, TokenUsage } from '@llm/core';

/** What every call of a loop, an object generation or a conversation passes to the model. */
export interface AgentCallOptions {
  readonly signal?: AbortSignal;
  /** The id every call of one loop shares (the ledger's `call_id`). */
  readonly callId: string;
  /** Labels recorded with the usage. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** What the toolbox knows of a model before calling it. */
export interface AgentModelFacts {
  /** Tokens the model takes in one request, prompt and answer together. */
  readonly contextWindow?: number;
  /** Whether the model takes a JSON Schema `response_format` (native structured output). */
  readonly supportsJsonSchema?: boolean;
}

/**
 * The narrow interface the toolbox works against: one chat call, one streamed chat call, and an
 * exact sum of usages. The manager implements it (routing, retries, pricing, the ledger); tests may
 * implement it over a provider directly. Nothing here knows which provider answers.
 */
export interface AgentModel {
  chat(request: LLMRequest, options: AgentCallOptions): Promise<LLMResponse>;
  stream(request: LLMRequest, options: AgentCallOptions): AsyncIterable<LLMStreamChunk>;
  /**
   * The usages added up: token counts, and the cost summed exactly from each usage's exact decimal
   * (the one its ledger record has); cost undefined when a usage has none.
   */
  sumUsage(usages: readonly TokenUsage[]): TokenUsage;
  /** Facts about `model` as configured; an empty object when nothing is known. */
  modelFacts?(request: {
    readonly model: string;
    readonly provider?: string | undefined;
  }): AgentModelFacts;
}
