import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ENVIRONMENT_PROVIDERS, userConfigFile, type EnvironmentProviderRule } from '@llm/config';
import { closestMatch } from '@llm/core';
import { COMMON_OPTIONS, CommandLineError, type Command } from '../command';

/** A model each provider kind is commonly used with, so the file works as written. */
const STARTER_MODELS: Readonly<Record<string, string>> = {
  openai: 'gpt-4o-mini',
  claude: 'claude-sonnet-4-20250514',
  azure: 'gpt-4o-mini',
  deepseek: 'deepseek-chat',
  qwen: 'qwen-plus',
  zhipu: 'glm-4-plus',
  moonshot: 'moonshot-v1-8k',
  openrouter: 'openai/gpt-4o-mini',
  groq: 'llama-3.3-70b-versatile',
  together: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
  mistral: 'mistral-small-latest',
  xai: 'grok-3-mini',
  gemini: 'gemini-2.0-flash',
};

function providerTable(rule: EnvironmentProviderRule): string {
  const lines = [
    `# ${rule.preset ? `${rule.preset} (OpenAI-compatible preset)` : rule.type}: the key comes from $${rule.keyVariables[0]}.`,
    `[llm.providers.${rule.name}]`,
    `type = "${rule.type}"`,
    ...(rule.preset ? [`preset = "${rule.preset}"`] : []),
    `api_key = "\${${rule.keyVariables[0]}}"`,
  ];
  for (const [field, variables] of Object.entries(rule.fields ?? {})) {
    const line = `${field} = "\${${variables[0]}}"`;
    lines.push(rule.required?.includes(field) ? line : `# ${line}`);
  }
  const model = STARTER_MODELS[rule.name] ?? 'model-name';
  lines.push(
    '',
    '# Models this provider serves; a provider listing none takes any model name.',
    `[llm.providers.${rule.name}.models."${model}"]`,
    ...(rule.type === 'azure' ? [`deployment = "${model}"   # your Azure deployment name`] : []),
    '# context_window = 128000',
    '# max_tokens = 4096',
  );
  return lines.join('\n');
}

/** A commented llm.toml for `providers`, every key an `${ENV}` reference. */
export function initialConfig(providers: readonly EnvironmentProviderRule[]): string {
  return `# llm.toml: written by \`llm config init\`. Reference: docs/configuration.md
# Secrets stay in the environment: \${VAR} is replaced by the variable's value when loaded.

[llm]
default_provider = "${providers[0]!.name}"
# The model llm chat and llm repl use without -m: a logical model, provider/model or a model name.
default_model = "${providers[0]!.name}/${STARTER_MODELS[providers[0]!.name] ?? 'model-name'}"
# Where calls are recorded (tokens, cost); relative to this file.
usage_data_dir = "./data/llm-usage"
# display_currency = "USD"

# A spending limit: "block" refuses calls once it is used up, "warn" lets them through.
# [[llm.budgets]]
# name = "monthly"
# period = "month"
# limit = 20
# currency = "USD"
# action = "block"

${providers.map(providerTable).join('\n\n')}
`;
}

export const configInitCommand: Command = {
  name: 'config init',
  summary: 'Write a commented llm.toml (keys as ${ENV} references)',
  usage: '[--providers openai,claude,…] [--global | --out file] [--force]',
  options: {
    ...COMMON_OPTIONS,
    providers: {
      type: 'string',
      valueName: 'list',
      description: `providers to configure, comma-separated (default openai): ${ENVIRONMENT_PROVIDERS.map((rule) => rule.name).join(', ')}`,
    },
    global: {
      type: 'boolean',
      description:
        'write the user-level file ($XDG_CONFIG_HOME/llm/llm.toml) instead of ./llm.toml',
    },
    out: { type: 'string', short: 'o', valueName: 'file', description: 'write to this file' },
    force: { type: 'boolean', description: 'replace the file if it exists' },
  },
  positionals: 0,
  async run(args, io) {
    const names = String(args.values['providers'] ?? 'openai')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    const known = ENVIRONMENT_PROVIDERS.map((rule) => rule.name);
    const rules = names.map((name) => {
      const rule = ENVIRONMENT_PROVIDERS.find((candidate) => candidate.name === name);
      if (!rule) {
        const match = closestMatch(name, known);
        throw new CommandLineError(
          `--providers: unknown provider "${name}"${match ? ` (did you mean "${match}"?)` : ''} (known: ${known.join(', ')})`,
        );
      }
      return rule;
    });
    if (rules.length === 0) throw new CommandLineError('--providers names no provider');
    if (args.values['global'] && args.values['out'] !== undefined)
      throw new CommandLineError('--global and --out name two different files: give one');
    const file = args.values['global']
      ? userConfigFile(io.env)
      : resolve(io.cwd, (args.values['out'] as string | undefined) ?? 'llm.toml');
    if (existsSync(file) && !args.values['force'])
      throw new CommandLineError(`${file} exists; pass --force to replace it`);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, initialConfig(rules));
    const variables = rules.map((rule) => rule.keyVariables[0]).join(', ');
    io.stdout(
      `Wrote ${file} (${rules.map((rule) => rule.name).join(', ')}).\nSet ${variables}, then: llm chat "Hello"\n`,
    );
    return 0;
  },
};
