// A configuration from the environment alone, for a first run without a config file: one provider
// per API key that is set (OPENAI_API_KEY, ANTHROPIC_API_KEY, AZURE_OPENAI_*, DEEPSEEK_API_KEY…).
// Each provider lists no models, so it takes any model name; prices then come from the catalog.

/** One provider the environment can configure, and the variables that fill each of its fields. */
export interface EnvironmentProviderRule {
  readonly name: string;
  readonly type: 'openai' | 'claude' | 'azure' | 'generic';
  readonly preset?: string;
  /** The provider exists when the first of these is set. */
  readonly keyVariables: readonly string[];
  /** Other fields, each from the first of its variables that is set. */
  readonly fields?: Readonly<Record<string, readonly string[]>>;
  /** Fields the provider cannot work without (Azure's endpoint). */
  readonly required?: readonly string[];
}

/** The variables each SDK or service documents, in the order providers are listed. */
export const ENVIRONMENT_PROVIDERS: readonly EnvironmentProviderRule[] = [
  {
    name: 'openai',
    type: 'openai',
    keyVariables: ['OPENAI_API_KEY'],
    fields: {
      base_url: ['OPENAI_BASE_URL'],
      organization: ['OPENAI_ORG_ID', 'OPENAI_ORGANIZATION'],
      project: ['OPENAI_PROJECT_ID'],
    },
  },
  {
    name: 'claude',
    type: 'claude',
    keyVariables: ['ANTHROPIC_API_KEY', 'CLAUDE_API_KEY'],
    fields: { base_url: ['ANTHROPIC_BASE_URL'] },
  },
  {
    name: 'azure',
    type: 'azure',
    keyVariables: ['AZURE_OPENAI_API_KEY'],
    fields: {
      endpoint: ['AZURE_OPENAI_ENDPOINT'],
      api_version: ['OPENAI_API_VERSION', 'AZURE_OPENAI_API_VERSION'],
    },
    required: ['endpoint'],
  },
  { name: 'deepseek', type: 'generic', preset: 'deepseek', keyVariables: ['DEEPSEEK_API_KEY'] },
  { name: 'qwen', type: 'generic', preset: 'qwen', keyVariables: ['DASHSCOPE_API_KEY'] },
  {
    name: 'zhipu',
    type: 'generic',
    preset: 'zhipu',
    keyVariables: ['ZHIPUAI_API_KEY', 'ZHIPU_API_KEY'],
  },
  { name: 'moonshot', type: 'generic', preset: 'moonshot', keyVariables: ['MOONSHOT_API_KEY'] },
  {
    name: 'openrouter',
    type: 'generic',
    preset: 'openrouter',
    keyVariables: ['OPENROUTER_API_KEY'],
  },
  { name: 'groq', type: 'generic', preset: 'groq', keyVariables: ['GROQ_API_KEY'] },
  { name: 'together', type: 'generic', preset: 'together', keyVariables: ['TOGETHER_API_KEY'] },
  { name: 'mistral', type: 'generic', preset: 'mistral', keyVariables: ['MISTRAL_API_KEY'] },
  { name: 'xai', type: 'generic', preset: 'xai', keyVariables: ['XAI_API_KEY'] },
  { name: 'gemini', type: 'generic', preset: 'gemini', keyVariables: ['GEMINI_API_KEY'] },
];

export interface EnvironmentConfig {
  /** For `loadConfig({ config })` / `createLLMManager({ config })`: values are `${VAR}` references. */
  readonly config: { llm: Record<string, unknown> };
  /** Each provider field and the variable it comes from (`llm.providers.openai.api_key` → `OPENAI_API_KEY`). */
  readonly sources: ReadonlyMap<string, string>;
  readonly providers: readonly string[];
}

export interface EnvironmentConfigOptions {
  /** The presets the generic provider knows (`PRESET_NAMES`); rules for other presets are skipped. */
  readonly knownPresets?: readonly string[];
  /** Where the usage ledger goes (default: the schema's default, `./data/llm-usage`). */
  readonly usageDataDir?: string;
}

/** Providers from the environment's API keys; undefined when none is set. */
export function configFromEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  options: EnvironmentConfigOptions = {},
): EnvironmentConfig | undefined {
  const first = (variables: readonly string[]) => variables.find((variable) => env[variable]);
  const providers: Record<string, Record<string, unknown>> = {};
  const sources = new Map<string, string>();
  for (const rule of ENVIRONMENT_PROVIDERS) {
    if (rule.preset && options.knownPresets && !options.knownPresets.includes(rule.preset))
      continue;
    const key = first(rule.keyVariables);
    if (!key) continue;
    const fields: Record<string, string> = {};
    for (const [field, variables] of Object.entries(rule.fields ?? {})) {
      const variable = first(variables);
      if (variable) fields[field] = variable;
    }
    if ((rule.required ?? []).some((field) => !fields[field])) continue;
    const path = `llm.providers.${rule.name}`;
    providers[rule.name] = {
      type: rule.type,
      ...(rule.preset ? { preset: rule.preset } : {}),
      api_key: `\${${key}}`,
      ...Object.fromEntries(
        Object.entries(fields).map(([field, variable]) => [field, `\${${variable}}`]),
      ),
    };
    sources.set(`${path}.api_key`, key);
    for (const [field, variable] of Object.entries(fields))
      sources.set(`${path}.${field}`, variable);
  }
  const names = Object.keys(providers);
  if (names.length === 0) return undefined;
  return {
    config: {
      llm: {
        default_provider: names[0],
        ...(options.usageDataDir ? { usage_data_dir: options.usageDataDir } : {}),
        providers,
      },
    },
    sources,
    providers: names,
  };
}
