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

type PresetFields = Omit<
  GenericPreset,
  'name' | 'authStyle' | 'includeStreamUsage' | 'usageMayBeMissing'
> &
  Partial<Pick<GenericPreset, 'authStyle' | 'includeStreamUsage' | 'usageMayBeMissing'>>;

/** Most services take a bearer key, accept `stream_options` and report usage. */
function preset(name: string, fields: PresetFields): GenericPreset {
  return {
    name,
    authStyle: 'bearer',
    includeStreamUsage: true,
    usageMayBeMissing: false,
    ...fields,
  };
}

/** Local servers: no key needed (one given is sent as a bearer token), usage not guaranteed. */
function localServer(name: string, fields: Omit<PresetFields, 'requiresApiKey'>): GenericPreset {
  return preset(name, { requiresApiKey: false, ...fields });
}

/**
 * Every preset, by the name `preset = "…"` selects. Sources: each service's OpenAI-compatibility
 * documentation; claims not checked against it are listed in `unverified` (and in the README).
 */
export const PRESETS: Readonly<Record<string, GenericPreset>> = Object.freeze({
  deepseek: preset('deepseek', {
    title: 'DeepSeek',
    baseURL: 'https://api.deepseek.com/v1',
    requiresApiKey: true,
    reasoningField: 'reasoning_content',
    unsupportedParams: [{ params: ['logprobs', 'top_logprobs'], models: /reasoner/i }],
    transforms: ['strip-unsupported-params'],
    notes: [
      'deepseek-reasoner streams its chain of thought as `reasoning_content` (→ `reasoning-delta` chunks, `response.reasoning`).',
      'Prompt-cache hits arrive as `usage.prompt_cache_hit_tokens` (→ `cached_tokens`, already inside `prompt_tokens`).',
      'deepseek-reasoner ignores temperature, top_p and the penalties, and rejects `logprobs` / `top_logprobs` (dropped).',
      '402 "Insufficient Balance" maps to a non-retryable `rate_limit` error.',
    ],
  }),
  qwen: preset('qwen', {
    title: 'Qwen (Alibaba Cloud DashScope, compatible mode)',
    baseURL: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    requiresApiKey: true,
    reasoningField: 'reasoning_content',
    notes: [
      'Streams carry usage only with `stream_options.include_usage`, which every stream sends.',
      'Thinking models stream `reasoning_content`; hybrid models think with `extra_body: { enable_thinking: true }`.',
      'International accounts: `base_url = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1"`.',
    ],
  }),
  zhipu: preset('zhipu', {
    title: 'Zhipu AI (BigModel, GLM)',
    baseURL: 'https://open.bigmodel.cn/api/paas/v4',
    requiresApiKey: true,
    reasoningField: 'reasoning_content',
    notes: ['The base URL has no `/v1`: `/api/paas/v4` is the version path.'],
    unverified: ['GLM thinking models stream `reasoning_content`.'],
  }),
  moonshot: preset('moonshot', {
    title: 'Moonshot AI (Kimi)',
    baseURL: 'https://api.moonshot.cn/v1',
    requiresApiKey: true,
    reasoningField: 'reasoning_content',
    transforms: ['lift-choice-usage'],
    notes: [
      'The last stream chunk carries usage inside `choices[0].usage`; `lift-choice-usage` moves it to the top level.',
      'International accounts: `base_url = "https://api.moonshot.ai/v1"` (keys of one platform are refused by the other).',
    ],
    unverified: ['Kimi thinking models stream `reasoning_content`.'],
  }),
  ollama: localServer('ollama', {
    title: 'Ollama',
    baseURL: 'http://localhost:11434/v1',
    usageMayBeMissing: true,
    reasoningField: 'reasoning',
    notes: [
      'No key: nothing is sent in `Authorization` unless `api_key` is set (e.g. behind a proxy).',
      'Ollama before 0.5.2 ignores `stream_options`, so streams may end without usage: it is estimated and flagged `estimated: true`.',
      'Embeddings ask for `encoding_format: "float"`.',
    ],
    unverified: ['Thinking models send their reasoning as `reasoning`.'],
  }),
  vllm: localServer('vllm', {
    title: 'vLLM',
    baseURL: 'http://localhost:8000/v1',
    reasoningField: 'reasoning_content',
    notes: [
      'A key is needed only when the server runs with `--api-key`.',
      'Reasoning text arrives only with a `--reasoning-parser`; without one, `think-tags-to-reasoning` splits `<think>` blocks out of the content.',
    ],
  }),
  lmstudio: localServer('lmstudio', {
    title: 'LM Studio',
    baseURL: 'http://localhost:1234/v1',
    usageMayBeMissing: true,
    notes: [
      'No key needed.',
      'Streams carry no usage (LM Studio ignores `stream_options`): it is estimated and flagged `estimated: true`.',
    ],
  }),
  openrouter: preset('openrouter', {
    title: 'OpenRouter',
    baseURL: 'https://openrouter.ai/api/v1',
    requiresApiKey: true,
    reasoningField: 'reasoning',
    optionalHeaders: {
      'HTTP-Referer': 'your app URL, for OpenRouter app attribution and rankings',
      'X-Title': 'your app name in rankings (newer docs also accept `X-OpenRouter-Title`)',
    },
    notes: [
      'Model names carry the vendor (`openai/gpt-4o`); reasoning text arrives as `reasoning`.',
      'Attribution headers are optional and off by default: set them under `headers`.',
    ],
    unverified: ['402 (credits exhausted) maps to a non-retryable `rate_limit` error.'],
  }),
  groq: preset('groq', {
    title: 'Groq',
    baseURL: 'https://api.groq.com/openai/v1',
    requiresApiKey: true,
    unsupportedParams: [{ params: ['logprobs', 'logit_bias', 'top_logprobs', 'messages[].name'] }],
    transforms: ['strip-unsupported-params', 'lift-x-groq-usage'],
    notes: [
      '`logprobs`, `logit_bias`, `top_logprobs` and `messages[].name` are answered with 400, so they are dropped; `n` must be 1.',
      'Streams report usage under `x_groq.usage`; `lift-x-groq-usage` reads it when the standard `usage` is absent.',
    ],
  }),
  together: preset('together', {
    title: 'Together AI',
    baseURL: 'https://api.together.xyz/v1',
    requiresApiKey: true,
    notes: [
      'Models that write their reasoning inline as `<think>…</think>` can use `think-tags-to-reasoning`.',
    ],
  }),
  mistral: preset('mistral', {
    title: 'Mistral AI',
    baseURL: 'https://api.mistral.ai/v1',
    requiresApiKey: true,
    includeStreamUsage: false,
    renamedParams: { seed: 'random_seed' },
    transforms: ['rename-params'],
    notes: [
      'Unknown fields are refused with 422 "Extra inputs are not permitted"; `stream_options` is one, so it is not sent (streams carry usage anyway).',
      "`seed` is sent as Mistral's `random_seed`.",
    ],
  }),
  xai: preset('xai', {
    title: 'xAI (Grok)',
    baseURL: 'https://api.x.ai/v1',
    requiresApiKey: true,
    reasoningField: 'reasoning_content',
    unsupportedParams: [
      { params: ['presence_penalty', 'frequency_penalty', 'stop'], models: /^grok-(?:3-mini|4)/i },
    ],
    transforms: ['strip-unsupported-params'],
    notes: [
      'grok-3-mini streams `reasoning_content`; reasoning models reject the penalties (dropped).',
    ],
    unverified: ['Reasoning models also reject `stop` (dropped).'],
  }),
  gemini: preset('gemini', {
    title: 'Google Gemini (OpenAI compatibility)',
    baseURL: 'https://generativelanguage.googleapis.com/v1beta/openai',
    requiresApiKey: true,
    notes: [
      'The Gemini API key is sent as a bearer token; the compatibility layer is in beta.',
      '`reasoning_effort` (via `extra_body`) maps to Gemini thinking; Gemini-only settings go in `extra_body`.',
    ],
    unverified: ['Streams report usage when `stream_options.include_usage` is sent.'],
  }),
});

/** Every preset name, sorted. */
export const PRESET_NAMES: readonly string[] = Object.keys(PRESETS).sort();
