// For @llm/providers-generic and other packages of this repository; not a public API.
export { missingCredentialsError } from './openai-compatible-provider';
export { transportOptions } from './transport-options';
