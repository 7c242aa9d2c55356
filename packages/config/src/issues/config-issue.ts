/** One problem found in the configuration. Values are never included: they may be secrets. */
export interface ConfigIssue {
  /** Dotted path of the offending key, e.g. `llm.providers.openai.timeout` (empty for a whole file). */
  path: string;
  message: string;
  /** The file the key was read from (config, overrides, price or .env file). */
  file?: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
  /** Where the value came from when not a file: `environment variable LLM_…`, `code (options.config)`, `runtime change`. */
  source?: string;
  /** The closest valid key or value, for probable typos. */
  suggestion?: string;
}
