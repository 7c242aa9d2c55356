import type { z } from 'zod';
import { formatConfigPath, isTable } from '../issues/config-path';
import { LLMConfigFileSchema } from '../schema/config-schema';
import { arrayElementKind, objectKeys, schemaAtPath, schemaKind } from '../schema/schema-at-path';

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const BOOLEANS: Readonly<Record<string, boolean>> = {
  true: true,
  false: false,
  '1': true,
  '0': false,
  yes: true,
  no: false,
  on: true,
  off: false,
};

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * Turns an environment string into the type the schema expects at its path: numbers, booleans
 * (`true/false/1/0/yes/no/on/off`), JSON for tables and arrays, and comma-separated lists for arrays
 * of words (`network,rate_limit`). A value that does not convert stays a string, so validation
 * reports it with the variable's name.
 */
export function coerceEnvironmentValue(value: string, schema: z.ZodType | undefined): unknown {
  if (!schema) return value;
  const trimmed = value.trim();
  switch (schemaKind(schema)) {
    case 'number':
      return NUMBER.test(trimmed) ? Number(trimmed) : value;
    case 'boolean':
      return BOOLEANS[trimmed.toLowerCase()] ?? value;
    case 'object':
    case 'record':
      return trimmed.startsWith('{') ? parseJson(trimmed) : value;
    case 'array': {
      if (trimmed.startsWith('[')) return parseJson(trimmed);
      const elementKind = arrayElementKind(schema);
      return elementKind === 'string' || elementKind === 'enum'
        ? trimmed
            .split(',')
            .map((item) => item.trim())
            .filter(Boolean)
        : value;
    }
    default:
      return value;
  }
}

const ENVIRONMENT_PREFIX = 'LLM_';
/** `LLM_*` variables that are not config keys. */
const NOT_CONFIG_KEYS = new Set(['LLM_CONFIG']);
const LLM_TABLE_KEYS = new Set(objectKeys(schemaAtPath(LLMConfigFileSchema, ['llm'])!));

export interface EnvironmentOverlay {
  /** A file-shaped tree (`{ llm: { … } }`) to merge above the file. */
  data: Record<string, unknown>;
  /** Which variable set each path. */
  variables: Map<string, string>;
}

const normalize = (key: string) => key.toUpperCase().replace(/[^A-Z0-9]/g, '_');

/** Maps a segment to a key: names that already exist below (`GPT_4` → `gpt-4`) win over the lower-cased segment. */
function keyFor(segment: string, existing: unknown): string {
  if (isTable(existing)) {
    const match = Object.keys(existing).find((key) => normalize(key) === segment.toUpperCase());
    if (match !== undefined) return match;
  }
  return segment.toLowerCase();
}

function setAtPath(tree: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = tree;
  for (const segment of path.slice(0, -1)) {
    if (!isTable(node[segment])) node[segment] = {};
    node = node[segment] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}

/**
 * `LLM_<KEY>` sets `[llm].<key>`; `__` descends a level: `LLM_DEFAULT_PROVIDER=claude`,
 * `LLM_PROVIDERS__OPENAI__TIMEOUT=60000`, `LLM_PROVIDERS__OPENAI__MODELS__GPT_4__MAX_TOKENS=4096`.
 * Segments match existing names ignoring case and punctuation, so `GPT_4` finds `gpt-4`; a new name is
 * lower-cased. Variables whose first segment is not a key of `[llm]` are ignored (other tools use `LLM_*` too).
 */
export function environmentOverlay(
  base: Record<string, unknown>,
  env: Readonly<Record<string, string | undefined>>,
): EnvironmentOverlay {
  const data: Record<string, unknown> = {};
  const variables = new Map<string, string>();
  const names = Object.keys(env)
    .filter((name) => name.startsWith(ENVIRONMENT_PREFIX) && !NOT_CONFIG_KEYS.has(name))
    .sort();
  for (const name of names) {
    const value = env[name];
    const segments = name.slice(ENVIRONMENT_PREFIX.length).split('__');
    if (value === undefined || !LLM_TABLE_KEYS.has(segments[0]!.toLowerCase())) continue;
    const path = ['llm'];
    let existing: unknown = base.llm;
    for (const segment of segments) {
      const key = keyFor(segment, existing);
      path.push(key);
      existing = isTable(existing) ? existing[key] : undefined;
    }
    const schema = schemaAtPath(LLMConfigFileSchema, path);
    setAtPath(data, path, coerceEnvironmentValue(value, schema));
    for (let length = 2; length <= path.length; length++) {
      const key = formatConfigPath(path.slice(0, length));
      if (length === path.length || !variables.has(key)) variables.set(key, name);
    }
  }
  return { data, variables };
}
