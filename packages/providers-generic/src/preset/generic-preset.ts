/** How the API key is sent: `Authorization: Bearer`, an `api-key` or `x-api-key` header, or not at all. */
export type AuthStyle = 'bearer' | 'api-key' | 'x-api-key' | 'none';

/** Parameters a server rejects, for every model or only for the models a pattern matches. */
export interface UnsupportedParams {
  /** Top-level body keys (`logprobs`), or `messages[].<key>` for a key of every message. */
  readonly params: readonly string[];
  /** Only for models whose wire id matches (default: every model). */
  readonly models?: RegExp;
}

/**
 * What `preset = "<name>"` fills in for a generic provider: where the server is, how it wants the
 * key, and how it differs from OpenAI. Config values override every one of these.
 */
export interface GenericPreset {
  readonly name: string;
  /** Who runs the endpoint, for people. */
  readonly title: string;
  /** Includes the version path (`…/v1`), as the openai SDK expects. */
  readonly baseURL: string;
  readonly authStyle: AuthStyle;
  /** Remote services refuse anonymous calls; local servers run without a key. */
  readonly requiresApiKey: boolean;
  /** Send `stream_options: { include_usage: true }` (false where the server rejects the field). */
  readonly includeStreamUsage: boolean;
  /** Streams may end without usage: estimate it (flagged) without logging a warning. */
  readonly usageMayBeMissing: boolean;
  /** Where the server puts reasoning text; both fields are read whatever this says. */
  readonly reasoningField?: 'reasoning_content' | 'reasoning';
  /** Dropped from request bodies by the `strip-unsupported-params` transform. */
  readonly unsupportedParams?: readonly UnsupportedParams[];
  /** Renamed in request bodies by the `rename-params` transform (OpenAI name → server's name). */
  readonly renamedParams?: Readonly<Record<string, string>>;
  /** Headers sent on every request (config `headers` override them). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Headers the service understands but that stay off unless configured: name → what it is for. */
  readonly optionalHeaders?: Readonly<Record<string, string>>;
  /** Transforms applied before the config's own (names of registered transforms). */
  readonly transforms?: readonly string[];
  /** Behaviour worth knowing, one sentence each (the README's quirks column). */
  readonly notes: readonly string[];
  /** Claims in this preset that were not checked against the service's current documentation. */
  readonly unverified?: readonly string[];
}
