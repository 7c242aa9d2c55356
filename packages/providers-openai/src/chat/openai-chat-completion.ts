import {
  LLMError,
  LLMErrorType,
  bodyExcerpt,
  type FinishReason,
  type LLMResponse,
  type LLMToolCall,
  type ResponseMetadata,
} from '@llm/core';
import type OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { contentFilterError } from '../errors/map-openai-error';
import type { ChatRuntime, OpenAICompatibleProviderOptions } from '../openai-compatible-provider';
import type { PreparedChatCall } from './convert-to-openai-chat-request';
import { resolveUsage } from './openai-usage';

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

/** Response metadata with only the facts that are known; provider extras go under `extra`. */
export function buildResponseMetadata(
  call: ResponseCallFacts,
  wire: ResponseWireFacts = {},
): ResponseMetadata {
  const extra = Object.fromEntries(
    Object.entries({
      response_model: wire.responseModel,
      prompt_filter_results: wire.promptFilterResults,
      content_filter_results: wire.contentFilterResults,
    }).filter(([, value]) => value !== undefined && value !== null),
  );
  return {
    provider_name: call.providerName,
    provider_type: call.providerType,
    response_time: Math.max(0, call.responseTime),
    ...(call.requestId ? { request_id: call.requestId } : {}),
    ...(wire.responseId ? { response_id: wire.responseId } : {}),
    ...(wire.created !== undefined ? { created: wire.created } : {}),
    ...(wire.rawFinishReason ? { raw_finish_reason: wire.rawFinishReason } : {}),
    ...(wire.rawUsage !== undefined && wire.rawUsage !== null ? { raw_usage: wire.rawUsage } : {}),
    ...(Object.keys(extra).length ? { extra } : {}),
  };
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

/**
 * One non-streaming Chat Completions call: send, read the first choice, normalize or estimate usage.
 * A content-filter finish rejects with the typed content-filter error (usage attached).
 */
export async function runChatCompletion(
  client: OpenAI,
  call: PreparedChatCall,
  runtime: ChatRuntime,
  requestOptions: OpenAI.RequestOptions,
  transformResponse?: OpenAICompatibleProviderOptions['transformResponse'],
): Promise<LLMResponse> {
  const { request } = call.context;
  const startedAt = runtime.clock.now();
  let body: unknown;
  let requestId: string | null;
  let response: Response;
  try {
    const created = client.chat.completions.create(
      call.body as ChatCompletionCreateParamsNonStreaming,
      requestOptions,
    );
    ({ data: body, response, request_id: requestId } = await created.withResponse());
  } catch (error) {
    throw runtime.mapError(error, {
      model: request.model,
      signal: requestOptions.signal ?? undefined,
    });
  }
  const parsed = parseOpenAIChatCompletion(
    transformResponse ? transformResponse(body, call.context) : body,
  );
  if (!parsed) {
    throw notProtocolBodyError(runtime, {
      status: response.status,
      contentType: response.headers.get('content-type')?.split(';')[0]?.trim(),
      body,
      expected: 'a chat completion',
      model: request.model,
      requestId,
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
  return {
    success: true,
    ...(parsed.content !== undefined ? { content: parsed.content } : {}),
    ...(parsed.reasoning ? { reasoning: parsed.reasoning } : {}),
    model: request.model,
    usage,
    finish_reason: parsed.finishReason,
    ...(parsed.toolCalls ? { tool_calls: parsed.toolCalls } : {}),
    metadata: buildResponseMetadata(
      {
        providerName: runtime.providerName,
        providerType: runtime.providerType,
        responseTime: runtime.clock.now() - startedAt,
        requestId,
      },
      parsed,
    ),
  };
}
