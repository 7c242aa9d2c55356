import { LLMError, LLMErrorType, type TokenUsage } from '@llm/core';

/** Where the filter struck: the prompt (Azure answers 400) or the model's output (finish reason). */
export type ContentFilterSource = 'prompt' | 'completion';

/**
 * Names of the categories a content-filter result marks as filtered, e.g. `violence`, `jailbreak`.
 * Accepts Azure's per-category object (`{ hate: { filtered, severity }, … }`) or a list of them.
 */
export function filteredCategories(results: unknown): string[] {
  if (Array.isArray(results))
    return [...new Set(results.flatMap((item) => filteredCategories(readResults(item))))];
  if (typeof results !== 'object' || results === null) return [];
  return Object.entries(results as Record<string, unknown>)
    .filter(
      ([, value]) =>
        typeof value === 'object' &&
        value !== null &&
        (value as { filtered?: unknown }).filtered === true,
    )
    .map(([category]) => category);
}

/** Azure nests the categories under `content_filter_results` (prompt results) or `content_filter_result`. */
function readResults(item: unknown): unknown {
  if (typeof item !== 'object' || item === null) return item;
  const record = item as Record<string, unknown>;
  return record['content_filter_results'] ?? record['content_filter_result'] ?? item;
}

/** The `details` every content-filter error carries. */
export function contentFilterDetails(
  source: ContentFilterSource,
  results: unknown,
): Record<string, unknown> {
  return {
    reason: 'content_filter',
    source,
    categories: filteredCategories(readResults(results)),
    content_filter_results: results,
  };
}

export interface ContentFilterErrorOptions {
  providerName: string;
  source: ContentFilterSource;
  /** The filter results as the server sent them (kept whole in `details`). */
  results?: unknown;
  message?: string;
  model?: string;
  usage?: TokenUsage;
  statusCode?: number;
  requestId?: string;
  cause?: unknown;
}

/**
 * The typed error for content the provider's filter blocked: invalid_request, not retryable (the
 * same input is blocked again), with `details.reason = 'content_filter'`, the filtered `categories`
 * and the raw `content_filter_results`.
 */
export function contentFilterError(options: ContentFilterErrorOptions): LLMError {
  const details = contentFilterDetails(options.source, options.results);
  const categories = details['categories'] as string[];
  const what = options.source === 'prompt' ? 'The prompt' : "The model's output";
  const listed = categories.length ? ` (categories: ${categories.join(', ')})` : '';
  return new LLMError({
    type: LLMErrorType.INVALID_REQUEST,
    message:
      `${what} was blocked by the content filter of provider "${options.providerName}"${listed}` +
      (options.message ? `: ${options.message}` : ''),
    providerName: options.providerName,
    statusCode: options.statusCode,
    retryable: false,
    requestId: options.requestId,
    model: options.model,
    usage: options.usage,
    details,
    cause: options.cause,
  });
}
