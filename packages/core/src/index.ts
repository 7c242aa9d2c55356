export * from './errors/llm-error-type';
export * from './errors/error-identity';
export * from './errors/llm-error';
export * from './errors/to-llm-error';
export * from './errors/error-type-for-status';

export * from './schemas/content';
export * from './schemas/tool';
export * from './schemas/thinking-block';
export * from './schemas/message';
export * from './schemas/request';
export * from './schemas/token-usage';
export * from './schemas/response';
export * from './schemas/stream-chunk';
export * from './schemas/usage-record';
export * from './schemas/model-pricing';
export * from './schemas/resilience-config';
export * from './schemas/provider-config';
export * from './schemas/embedding';
export * from './schemas/status';

export * from './conversation/assistant-message-from';

export * from './provider/llm-provider';
export * from './provider/provider-registry';
export * from './provider/builtin-provider-types';
export * from './provider/usage-tracker';
export * from './provider/config-manager';
export * from './provider/validate-request';
export * from './provider/validation-error';

export * from './token-estimation/encoding-for-model';
export * from './token-estimation/load-tiktoken';
export * from './token-estimation/approximate-tokens';
export * from './token-estimation/estimate-text-tokens';
export * from './token-estimation/estimate-message-tokens';
export * from './token-estimation/estimate-usage';

export * from './util/clock';
export * from './util/logger';
export * from './util/retry-after';
export * from './util/redact-secrets';
export * from './util/image-file-to-data-uri';
export * from './schemas/usage-config';
