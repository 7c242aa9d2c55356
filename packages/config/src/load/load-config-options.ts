/** Where a configuration comes from. Precedence: defaults < file < overrides file < environment < `config`. */
export interface LoadConfigOptions {
  /** The config file (TOML, or JSON by extension). Default: `$LLM_CONFIG`, then `./llm.toml`, then `./llm.json`. */
  configFile?: string;
  /** A configuration from code, the highest precedence: the `[llm]` table or `{ llm: … }`; providers/models may be arrays with `name`. */
  config?: Record<string, unknown>;
  /** Default: `process.env`. Never modified. */
  env?: Record<string, string | undefined>;
  /** Default: `process.cwd()`. */
  cwd?: string;
  /** Read `.env` in the config file's directory and in cwd (never overriding real variables). Default true. */
  dotenv?: boolean;
  /** The overrides file; default `<config name>.overrides.json` next to the config file. `false` disables it. */
  overridesFile?: string | false;
  /** Provider types registered by other packages, accepted besides openai/azure/claude/anthropic/generic. */
  knownProviderTypes?: readonly string[];
  /**
   * Drop keys whose `${VAR}` is unset instead of failing, for tools that read only non-secret parts
   * (e.g. `llm usage summary` needs the ledger path, not the API keys). Never use it to build providers.
   */
  allowMissingVariables?: boolean;
}
