import {
  LLMError,
  LLMErrorType,
  bodyExcerpt,
  estimateUsage,
  type FinishReason,
  type GeneratedOutput,
  type LLMRequest,
  type LLMResponse,
  type LLMToolCall,
  type Logger,
  type ResponseMetadata,
  type TokenUsage,
} from '@llm/core';
import type OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { contentFilterError } from '../errors/map-openai-error';
import type { ChatRuntime, OpenAICompatibleProviderOptions } from '../openai-compatible-provider';
import type { PreparedChatCall } from './convert-to-openai-chat-request';

const FINISH_REASONS: Readonly<Record<string, FinishReason>> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool_calls',
  // The legacy function-calling API and some compatible servers still say function_call.
  function_call: 'tool_calls',
  content_filter: 'content_filter',
  // Compatible servers: DashScope/vLLM sometimes send these.
  eos: 'stop',
  end_turn: 'stop',
  max_tokens: 'length',
  insufficient_system_resource: 'error',
};

/** OpenAI's finish reason in core's vocabulary; anything unknown is `other` (the raw value is kept apart). */
export function mapOpenAIFinishReason(reason: string | null | undefined): FinishReason {
  if (reason === null || reason === undefined) return 'other';
  return FINISH_REASONS[reason] ?? 'other';
}

/**
 * The reasoning text of a message or a stream delta from an OpenAI-compatible server: DeepSeek and
 * Qwen send `reasoning_content`; vLLM, OpenRouter and others send `reasoning`. OpenAI itself sends
 * neither (its reasoning stays hidden and is only counted in usage).
 */
export function readReasoningText(messageOrDelta: unknown): string | undefined {
  if (typeof messageOrDelta !== 'object' || messageOrDelta === null) return undefined;
  const fields = messageOrDelta as { reasoning_content?: unknown; reasoning?: unknown };
  if (typeof fields.reasoning_content === 'string') return fields.reasoning_content;
  if (typeof fields.reasoning === 'string') return fields.reasoning;
  return undefined;
}

/** The usage object of a Chat Completions or embeddings response, plus fields compatible servers add. */
export interface OpenAIWireUsage {
  prompt_tokens?: number | null;
  completion_tokens?: number | null;
  total_tokens?: number | null;
  prompt_tokens_details?: { cached_tokens?: number | null } | null;
  completion_tokens_details?: { reasoning_tokens?: number | null } | null;
  /** DeepSeek reports its cache hits here instead of in prompt_tokens_details. */
  prompt_cache_hit_tokens?: number | null;
}

const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;

/**
 * OpenAI usage in core's convention, which is OpenAI's own: prompt_tokens already includes
 * cached_tokens and completion_tokens already includes reasoning_tokens, so nothing is added up.
 * A detail the server did not send stays undefined. Returns undefined when the object lacks the
 * prompt or completion count (the caller then estimates).
 */
export function normalizeOpenAIUsage(raw: unknown): TokenUsage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const usage = raw as OpenAIWireUsage;
  const prompt = count(usage.prompt_tokens);
  const total = count(usage.total_tokens);
  // Embeddings report no completion count: what the total holds beyond the prompt (0) is exact.
  const completion =
    count(usage.completion_tokens) ??
    (prompt !== undefined && total !== undefined ? Math.max(0, total - prompt) : undefined);
  if (prompt === undefined || completion === undefined) return undefined;
  const cached =
    count(usage.prompt_tokens_details?.cached_tokens) ?? count(usage.prompt_cache_hit_tokens);
  const reasoning = count(usage.completion_tokens_details?.reasoning_tokens);
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: total ?? prompt + completion,
    ...(cached === undefined ? {} : { cached_tokens: cached }),
    ...(reasoning === undefined ? {} : { reasoning_tokens: reasoning }),
  };
}

export interface ResolveUsageOptions {
  request: Pick<LLMRequest, 'messages' | 'tools'>;
  /** The model name estimates use (tiktoken for OpenAI families). */
  estimationModel: string;
  /** What the model generated, for an estimate; a function is called only when one is needed. */
  output: GeneratedOutput | (() => GeneratedOutput);
  /** Told when the server sent no usable usage (skipped for servers known to omit it). */
  logger?: Logger;
  providerName?: string;
}

/** The reported usage, normalized; or, when the server sent none, an estimate flagged `estimated`. */
export function resolveUsage(rawUsage: unknown, options: ResolveUsageOptions): TokenUsage {
  const reported = normalizeOpenAIUsage(rawUsage);
  if (reported) return reported;
  options.logger?.warn('The server reported no token usage; using an estimate', {
    provider: options.providerName,
    model: options.estimationModel,
  });
  const output = typeof options.output === 'function' ? options.output() : options.output;
  return estimateUsage(options.request, output, options.estimationModel);
}

/** What the caller knows about the call itself. */
export interface ResponseCallFacts {
  providerName: string;
  providerType: string;
  responseTime: number;
  requestId?: string | null;
}

/** What the server's answer (a body, or a whole stream) said about itself. */
export interface ResponseWireFacts {
  responseId?: string;
  created?: number;
  rawFinishReason?: string;
  rawUsage?: unknown;
  /** The model the server says answered (a dated snapshot, or what an Azure deployment runs). */
  responseModel?: string;
  promptFilterResults?: unknown;
  contentFilterResults?: unknown;
}

const present = (value: unknown): boolean => value !== undefined && value !== null;

/**
 * Response metadata with only the facts that are known; provider extras go under `extra`. Built by
 * assignment (no spread, no entries array): it runs once per answer.
 */
export function buildResponseMetadata(
  call: ResponseCallFacts,
  wire: ResponseWireFacts = {},
): ResponseMetadata {
  const metadata: ResponseMetadata = {
    provider_name: call.providerName,
    provider_type: call.providerType,
    response_time: Math.max(0, call.responseTime),
  };
  if (call.requestId) metadata.request_id = call.requestId;
  if (wire.responseId) metadata.response_id = wire.responseId;
  if (wire.created !== undefined) metadata.created = wire.created;
  if (wire.rawFinishReason) metadata.raw_finish_reason = wire.rawFinishReason;
  if (present(wire.rawUsage)) metadata.raw_usage = wire.rawUsage;
  let extra: Record<string, unknown> | undefined;
  if (present(wire.responseModel)) (extra ??= {}).response_model = wire.responseModel;
  if (present(wire.promptFilterResults))
    (extra ??= {}).prompt_filter_results = wire.promptFilterResults;
  if (present(wire.contentFilterResults))
    (extra ??= {}).content_filter_results = wire.contentFilterResults;
  if (extra) metadata.extra = extra;
  return metadata;
}

/** The facts of a non-streaming Chat Completions answer, before usage is normalized. */
export interface ParsedChatCompletion extends ResponseWireFacts {
  content?: string;
  reasoning?: string;
  toolCalls?: LLMToolCall[];
  finishReason: FinishReason;
}

interface WireToolCall {
  id?: string;
  type?: string;
  function?: { name?: string; arguments?: string };
}

function toToolCalls(calls: unknown): LLMToolCall[] | undefined {
  if (!Array.isArray(calls) || calls.length === 0) return undefined;
  return (calls as WireToolCall[])
    .filter((call) => call.type === undefined || call.type === 'function')
    .map((call, index) => ({
      id: call.id ?? `call_${index}`,
      type: 'function' as const,
      function: { name: call.function?.name ?? '', arguments: call.function?.arguments ?? '' },
    }));
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/**
 * Reads the first choice of a Chat Completions body (typed loosely: compatible servers add fields).
 * Returns undefined when the body is not a completion at all (e.g. an HTML page sent as JSON).
 */
export function parseOpenAIChatCompletion(body: unknown): ParsedChatCompletion | undefined {
  if (
    typeof body !== 'object' ||
    body === null ||
    !Array.isArray((body as { choices?: unknown }).choices)
  )
    return undefined;
  const completion = body as Record<string, unknown> & { choices: Array<Record<string, unknown>> };
  const choice = completion.choices[0];
  const message = (choice?.['message'] ?? {}) as Record<string, unknown>;
  const rawFinishReason = text(choice?.['finish_reason']);
  return {
    content: text(message['content']),
    reasoning: readReasoningText(message),
    toolCalls: toToolCalls(message['tool_calls']),
    finishReason: mapOpenAIFinishReason(rawFinishReason),
    rawFinishReason,
    rawUsage: completion['usage'] ?? undefined,
    responseId: text(completion['id']) || undefined,
    responseModel: text(completion['model']) || undefined,
    created: typeof completion['created'] === 'number' ? completion['created'] : undefined,
    promptFilterResults: completion['prompt_filter_results'],
    contentFilterResults: choice?.['content_filter_results'],
  };
}

export interface NotProtocolBody {
  status: number;
  contentType: string | undefined;
  /** What the SDK read: text for a non-JSON body, the parsed value for JSON. */
  body: unknown;
  /** What the protocol would have sent instead. */
  expected: string;
  model: string;
  requestId?: string | null;
}

/**
 * The typed error for a response that is not the protocol's JSON or event stream, such as a proxy's
 * HTML login page sent with 200: server_error (invalid_request for a 4xx status), quoting a short,
 * secret-free excerpt of the body rather than passing it off as an empty answer.
 */
export function notProtocolBodyError(runtime: ChatRuntime, facts: NotProtocolBody): LLMError {
  const text = typeof facts.body === 'string' ? facts.body : (JSON.stringify(facts.body) ?? '');
  const excerpt = bodyExcerpt(text, runtime.secrets);
  const what = facts.contentType ? `${facts.contentType} body` : 'body';
  return new LLMError({
    type:
      facts.status >= 400 && facts.status < 500
        ? LLMErrorType.INVALID_REQUEST
        : LLMErrorType.SERVER_ERROR,
    message: `Provider "${runtime.providerName}" answered ${facts.status} with a ${what} instead of ${facts.expected}: ${excerpt}`,
    providerName: runtime.providerName,
    statusCode: facts.status,
    requestId: facts.requestId ?? undefined,
    model: facts.model,
    details: {
      malformed_response: true,
      ...(facts.contentType ? { content_type: facts.contentType } : {}),
    },
  });
}

/** The request id the SDK attached to a parsed JSON body (`_request_id`, from `x-request-id`). */
function attachedRequestId(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const id = (body as { _request_id?: unknown })._request_id;
  return typeof id === 'string' ? id : null;
}

/**
 * One non-streaming Chat Completions call: send, read the first choice, normalize or estimate usage.
 * A content-filter finish rejects with the typed content-filter error (usage attached).
 * The body is awaited as the raw SDK call awaits it (the SDK attaches the request id to a JSON
 * body); the `Response` is read only for a body that is not a completion.
 */
export async function runChatCompletion(
  client: OpenAI,
  call: PreparedChatCall,
  runtime: ChatRuntime,
  requestOptions: OpenAI.RequestOptions,
  transformResponse?: OpenAICompatibleProviderOptions['transformResponse'],
): Promise<LLMResponse> {
  const request = call.context.request;
  const startedAt = runtime.clock.now();
  let created: ReturnType<OpenAI['chat']['completions']['create']> | undefined;
  let body: unknown;
  try {
    created = client.chat.completions.create(
      call.body as ChatCompletionCreateParamsNonStreaming,
      requestOptions,
    );
    body = await created;
  } catch (error) {
    throw runtime.mapError(error, {
      model: request.model,
      signal: requestOptions.signal ?? undefined,
    });
  }
  const requestId = attachedRequestId(body);
  const parsed = parseOpenAIChatCompletion(
    transformResponse ? transformResponse(body, call.context) : body,
  );
  if (!parsed) {
    const response = await created.asResponse();
    throw notProtocolBodyError(runtime, {
      status: response.status,
      contentType: response.headers.get('content-type')?.split(';')[0]?.trim(),
      body,
      expected: 'a chat completion',
      model: request.model,
      requestId: response.headers.get('x-request-id'),
    });
  }
  const usage = resolveUsage(parsed.rawUsage, {
    request,
    estimationModel: call.estimationModel,
    output: { text: parsed.content, reasoning: parsed.reasoning, toolCalls: parsed.toolCalls },
    logger: runtime.usageMayBeMissing ? undefined : runtime.logger,
    providerName: runtime.providerName,
  });
  if (parsed.finishReason === 'content_filter') {
    throw contentFilterError({
      providerName: runtime.providerName,
      source: 'completion',
      results: parsed.contentFilterResults,
      model: request.model,
      usage,
      requestId: requestId ?? undefined,
    });
  }
  const metadata = buildResponseMetadata(
    {
      providerName: runtime.providerName,
      providerType: runtime.providerType,
      responseTime: runtime.clock.now() - startedAt,
      requestId,
    },
    parsed,
  );
  // Built by assignment, field order unchanged (no spreads: this runs once per answer).
  const answer = { success: true } as LLMResponse;
  if (parsed.content !== undefined) answer.content = parsed.content;
  if (parsed.reasoning) answer.reasoning = parsed.reasoning;
  answer.model = request.model;
  answer.usage = usage;
  answer.finish_reason = parsed.finishReason;
  if (parsed.toolCalls) answer.tool_calls = parsed.toolCalls;
  answer.metadata = metadata;
  return answer;
}
