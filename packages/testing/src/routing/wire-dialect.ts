/** Whose error bodies, request-id headers and auth rules a response follows. */
export type WireDialect = 'openai' | 'azure' | 'anthropic';
