import type { ResponseMetadata } from '@llm/core';

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
