import './register-claude-provider';

export { ClaudeProvider, type ClaudeProviderOptions } from './claude-provider';
export { claudeProviderFactory } from './claude-provider-factory';
export {
  anthropicClientOptions,
  anthropicBaseURL,
  resolveClaudeApiKey,
  type ClaudeAuthStyle,
} from './anthropic-client-options';
export {
  buildAnthropicRequest,
  DEFAULT_MAX_TOKENS,
  type AnthropicRequestBody,
} from './build-anthropic-request';
export { convertToAnthropicMessages, type AnthropicPrompt } from './convert-to-anthropic-messages';
export { convertToAnthropicTools, type AnthropicToolSettings } from './convert-to-anthropic-tools';
export { convertImagePart } from './convert-image-part';
export { convertResponseFormat } from './convert-response-format';
export {
  convertAnthropicResponse,
  type AnthropicResponseContext,
} from './convert-anthropic-response';
export {
  AnthropicStreamParser,
  type AnthropicStreamParserOptions,
} from './anthropic-stream-parser';
export { normalizeAnthropicUsage } from './normalize-anthropic-usage';
export { mergeAnthropicStreamUsage } from './merge-anthropic-stream-usage';
export type { AnthropicRawUsage } from './anthropic-raw-usage';
export { mapAnthropicStopReason } from './map-anthropic-stop-reason';
export { mapAnthropicError, type AnthropicErrorContext } from './map-anthropic-error';
export { prepareClaudeRequest, type PreparedClaudeRequest } from './prepare-claude-request';
export { estimateClaudeTokens, estimateClaudeUsage } from './estimate-claude-usage';
export { UnsupportedRequestError } from './unsupported-request-error';
