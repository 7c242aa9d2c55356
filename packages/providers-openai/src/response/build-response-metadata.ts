import type { ResponseMetadata } from '@llm/core';

export interface ResponseMetadataParts {
  providerName: string;
  providerType: string;
  responseTime: number;
  requestId?: string | null;
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
export function buildResponseMetadata(parts: ResponseMetadataParts): ResponseMetadata {
  const extra = Object.fromEntries(
    Object.entries({
      response_model: parts.responseModel,
      prompt_filter_results: parts.promptFilterResults,
      content_filter_results: parts.contentFilterResults,
    }).filter(([, value]) => value !== undefined && value !== null),
  );
  return {
    provider_name: parts.providerName,
    provider_type: parts.providerType,
    response_time: Math.max(0, parts.responseTime),
    ...(parts.requestId ? { request_id: parts.requestId } : {}),
    ...(parts.responseId ? { response_id: parts.responseId } : {}),
    ...(parts.created !== undefined ? { created: parts.created } : {}),
    ...(parts.rawFinishReason ? { raw_finish_reason: parts.rawFinishReason } : {}),
    ...(parts.rawUsage !== undefined && parts.rawUsage !== null
      ? { raw_usage: parts.rawUsage }
      : {}),
    ...(Object.keys(extra).length ? { extra } : {}),
  };
}
