/**
 * Catalog id prefixes to try for a provider name or type, most specific first. LiteLLM keys some
 * models by `<prefix>/<model>` (`azure/gpt-4o`, `gemini/gemini-2.5-pro`, `deepseek/deepseek-chat`)
 * and the first-party OpenAI and Anthropic models by the bare id.
 */
const PREFIXES_BY_PROVIDER: Readonly<Record<string, readonly string[]>> = {
  openai: ['openai'],
  azure: ['azure', 'azure_ai'],
  'azure-openai': ['azure', 'azure_ai'],
  azure_ai: ['azure_ai', 'azure'],
  claude: ['anthropic'],
  anthropic: ['anthropic'],
  bedrock: ['bedrock', 'bedrock_converse'],
  gemini: ['gemini'],
  google: ['gemini'],
  vertex: ['vertex_ai'],
  vertex_ai: ['vertex_ai'],
  deepseek: ['deepseek'],
  mistral: ['mistral'],
  xai: ['xai'],
  groq: ['groq'],
  together: ['together_ai'],
  together_ai: ['together_ai'],
  fireworks: ['fireworks_ai'],
  fireworks_ai: ['fireworks_ai'],
  openrouter: ['openrouter'],
  qwen: ['dashscope'],
  dashscope: ['dashscope'],
  moonshot: ['moonshot'],
  kimi: ['moonshot'],
  perplexity: ['perplexity'],
  cohere: ['cohere'],
  deepinfra: ['deepinfra'],
  ollama: ['ollama'],
  zhipu: ['zai'],
  zai: ['zai'],
  volcengine: ['volcengine'],
  doubao: ['volcengine'],
  minimax: ['minimax'],
};

/** Prefixes that name a provider when they lead a model id (`openai/gpt-4o`, `bedrock/anthropic.…`). */
export const KNOWN_MODEL_PREFIXES: ReadonlySet<string> = new Set([
  ...Object.keys(PREFIXES_BY_PROVIDER),
  ...Object.values(PREFIXES_BY_PROVIDER).flat(),
]);

export function catalogPrefixesFor(provider: string | undefined): readonly string[] {
  if (!provider) return [];
  const key = provider.trim().toLowerCase();
  return PREFIXES_BY_PROVIDER[key] ?? [key];
}
