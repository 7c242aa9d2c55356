import './register/register-on-import';

// Providers and their factories
export * from './openai/openai-provider';
export * from './openai/openai-provider-factory';
export * from './openai/create-openai-client';
export * from './azure/azure-openai-provider';
export * from './azure/azure-openai-provider-factory';
export * from './azure/create-azure-openai-client';
export * from './register/register-openai-providers';

// The shared OpenAI-compatible base, for @llm/providers-generic and third parties
export * from './provider/openai-compatible-provider';
export * from './provider/openai-compatible-options';
export * from './provider/chat-runtime';
export * from './provider/prepare-chat-call';
export * from './provider/to-request-options';
export * from './provider/to-sdk-logger';
export * from './provider/list-openai-models';
export * from './provider/collect-secrets';
export * from './provider/run-chat-completion';
export * from './provider/run-embeddings';

// Building blocks
export * from './request/convert-to-openai-messages';
export * from './request/convert-to-openai-tools';
export * from './request/build-openai-chat-body';
export * from './request/uses-max-completion-tokens';
export * from './response/normalize-openai-usage';
export * from './response/resolve-usage';
export * from './response/map-openai-finish-reason';
export * from './response/read-reasoning-text';
export * from './response/parse-openai-chat-completion';
export * from './response/content-filter';
export * from './response/build-response-metadata';
export * from './stream/tool-call-accumulator';
export * from './stream/openai-stream-accumulator';
export * from './stream/stream-openai-chat';
export * from './errors/read-openai-error-facts';
export * from './errors/map-openai-error';
export * from './embeddings/decode-embedding';
export * from './embeddings/split-into-batches';
export * from './embeddings/create-openai-embeddings';
export * from './embeddings/sum-embedding-usage';
