import { formatConfigPath } from '../issues/config-path';

/** The variables each SDK reads by convention, and the provider field each fills (first set variable wins). */
const CONVENTIONAL_VARIABLES: readonly {
  types: readonly string[];
  field: string;
  variables: readonly string[];
}[] = [
  { types: ['openai'], field: 'api_key', variables: ['OPENAI_API_KEY'] },
  { types: ['openai'], field: 'base_url', variables: ['OPENAI_BASE_URL'] },
  { types: ['openai'], field: 'organization', variables: ['OPENAI_ORG_ID', 'OPENAI_ORGANIZATION'] },
  { types: ['openai'], field: 'project', variables: ['OPENAI_PROJECT_ID'] },
  {
    types: ['claude', 'anthropic'],
    field: 'api_key',
    variables: ['ANTHROPIC_API_KEY', 'CLAUDE_API_KEY'],
  },
  { types: ['claude', 'anthropic'], field: 'base_url', variables: ['ANTHROPIC_BASE_URL'] },
  { types: ['azure'], field: 'api_key', variables: ['AZURE_OPENAI_API_KEY'] },
  { types: ['azure'], field: 'endpoint', variables: ['AZURE_OPENAI_ENDPOINT'] },
  {
    types: ['azure'],
    field: 'api_version',
    variables: ['OPENAI_API_VERSION', 'AZURE_OPENAI_API_VERSION'],
  },
];

/**
 * Fills the fields a provider leaves unset from the conventional variables of its type
 * (`OPENAI_API_KEY` for `type = "openai"`…). Mutates `tree`; returns which variable filled each path.
 */
export function applyConventionalVariables(
  tree: Record<string, unknown>,
  env: Readonly<Record<string, string | undefined>>,
): Map<string, string> {
  const filled = new Map<string, string>();
  const providers = (tree.llm as { providers?: unknown } | undefined)?.providers;
  if (typeof providers !== 'object' || providers === null) return filled;
  for (const [name, provider] of Object.entries(providers as Record<string, unknown>)) {
    if (typeof provider !== 'object' || provider === null) continue;
    const fields = provider as Record<string, unknown>;
    for (const rule of CONVENTIONAL_VARIABLES) {
      if (
        !rule.types.includes(String(fields.type)) ||
        (fields[rule.field] !== undefined && fields[rule.field] !== '')
      )
        continue;
      const variable = rule.variables.find((candidate) => env[candidate]);
      if (!variable) continue;
      fields[rule.field] = env[variable];
      filled.set(formatConfigPath(['llm', 'providers', name, rule.field]), variable);
    }
  }
  return filled;
}
