import type { Anthropic } from '@anthropic-ai/sdk';
import type { ResponseFormat } from '@llm/core';
import { UnsupportedRequestError } from './unsupported-request-error';

/**
 * `response_format` → Claude structured outputs: a JSON schema is sent as `output_config.format`
 * (the answer then arrives as JSON text). Claude has no schema-less JSON mode, so `json_object` is
 * refused before any call rather than silently ignored.
 */
export function convertResponseFormat(format: ResponseFormat | undefined): {
  output_config?: Anthropic.OutputConfig;
} {
  if (!format || format.type === 'text') return {};
  if (format.type === 'json_object') {
    throw new UnsupportedRequestError(
      'response_format.type',
      'Claude has no schema-less JSON mode; use response_format { type: "json_schema", json_schema: { name, schema } } (sent as output_config.format)',
    );
  }
  return { output_config: { format: { type: 'json_schema', schema: format.json_schema.schema } } };
}
