import {
  estimateMessageTokens,
  estimateTextTokens,
  validateRequestAgainstConfig,
  validationError,
  type CallOptions,
  type ILLMProvider,
  type LLMProviderConfig,
  type LLMRequest,
  type LLMResponse,
  type LLMStreamChunk,
  type ModelInfo,
  type TokenUsage,
  type ValidationResult,
} from '@llm/core';

/** Answers with the last user message, prefixed by `options.prefix`. No network at all. */
export class EchoProvider implements ILLMProvider {
  readonly type = 'echo';
  readonly name: string;

  constructor(readonly config: LLMProviderConfig) {
    this.name = config.name;
  }

  async initialize(): Promise<void> {}

  async isHealthy(): Promise<boolean> {
    return true;
  }

  validateRequest(request: LLMRequest): ValidationResult {
    return validateRequestAgainstConfig(request, this.config);
  }

  estimateTokens(text: string): number {
    return estimateTextTokens(text).tokens;
  }

  async listModels(): Promise<ModelInfo[]> {
    return this.config.models.map((model) => ({ id: model.name, owned_by: this.name }));
  }

  async chatCompletion(request: LLMRequest, options?: CallOptions): Promise<LLMResponse> {
    const validation = this.validateRequest(request);
    if (!validation.valid) throw validationError(validation, this.name, request.model);
    options?.signal?.throwIfAborted();
    const content = this.answer(request);
    return {
      success: true,
      content,
      model: request.model,
      usage: this.usage(request, content),
      finish_reason: 'stop',
      metadata: { provider_name: this.name, provider_type: this.type, response_time: 0 },
    };
  }

  async *streamCompletion(
    request: LLMRequest,
    options?: CallOptions,
  ): AsyncIterable<LLMStreamChunk> {
    const response = await this.chatCompletion(request, options);
    for (const word of (response.content ?? '').split(/(?<= )/))
      yield { type: 'text-delta', delta: word };
    yield { type: 'finish', finish_reason: 'stop', usage: response.usage, model: request.model };
  }

  dispose(): void {}

  private answer(request: LLMRequest): string {
    const last = [...request.messages].reverse().find((message) => message.role === 'user');
    const text =
      typeof last?.content === 'string'
        ? last.content
        : (last?.content ?? []).map((part) => (part.type === 'text' ? part.text : '')).join('');
    const prefix =
      typeof this.config.options?.['prefix'] === 'string' ? this.config.options['prefix'] : '';
    return `${prefix}${text}`;
  }

  private usage(request: LLMRequest, content: string): TokenUsage {
    const prompt = estimateMessageTokens(request.messages).tokens;
    const completion = estimateTextTokens(content).tokens;
    return {
      prompt_tokens: prompt,
      completion_tokens: completion,
      total_tokens: prompt + completion,
      estimated: true,
    };
  }
}
