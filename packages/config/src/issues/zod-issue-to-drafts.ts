import { closestMatch } from '@llm/core';
import type { z } from 'zod';
import { LLMConfigFileSchema, ModelFileSchema, ProviderFileSchema } from '../schema/config-schema';
import { objectKeys, schemaAtPath } from '../schema/schema-at-path';
import {
  formatConfigPath,
  isTable,
  valueAtPath,
  type ConfigPath,
  type IssueDraft,
} from './config-path';

/** A value's kind in words, without showing the value (it may be a secret): `a string`, `an array`… */
function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a table';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal number';
  if (typeof value === 'boolean') return 'a boolean';
  return `a ${typeof value}`;
}

const EXPECTED: Readonly<Record<string, string>> = {
  number: 'a number',
  int: 'an integer',
  string: 'a string',
  boolean: 'true or false',
  object: 'a table',
  record: 'a table',
  array: 'an array',
};

function describeExpected(expected: string): string {
  return EXPECTED[expected] ?? expected;
}

const LLM_KEYS = new Set(objectKeys(schemaAtPath(LLMConfigFileSchema, ['llm'])!));
const PROVIDER_KEYS = new Set(objectKeys(ProviderFileSchema));
const MODEL_KEYS = new Set(objectKeys(ModelFileSchema));

const isProviderTable = (path: ConfigPath) =>
  path.length === 3 && path[0] === 'llm' && path[1] === 'providers';
const isModelTable = (path: ConfigPath) =>
  path.length === 5 && isProviderTable(path.slice(0, 3)) && path[3] === 'models';

/** For an unknown key that is valid one level elsewhere: where it belongs. */
function misplacedKeyHint(tablePath: ConfigPath, key: string): string | undefined {
  if (tablePath.length === 0 && LLM_KEYS.has(key)) return 'it belongs in the [llm] table';
  if (isProviderTable(tablePath) && MODEL_KEYS.has(key)) {
    return `it is a model setting: put it in [llm.providers.${String(tablePath[2])}.models.<model>]`;
  }
  if (isModelTable(tablePath) && PROVIDER_KEYS.has(key))
    return `it is a provider setting: put it in [llm.providers.${String(tablePath[2])}]`;
  return undefined;
}

type ZodIssue = z.core.$ZodIssue;

interface Context {
  schema: z.ZodType;
  tree: unknown;
  path: ConfigPath;
}

function typeMessage(
  issue: Extract<ZodIssue, { code: 'invalid_type' }>,
  value: unknown,
  template: string | undefined,
): string {
  if (value === undefined) return `is required (${describeExpected(issue.expected)})`;
  if (template !== undefined && typeof value === 'string')
    return `expected ${describeExpected(issue.expected)}, but "${template}" substitutes to text that is not one`;
  let message = `expected ${describeExpected(issue.expected)}, got ${describeKind(value)}`;
  if (
    typeof value === 'string' &&
    (issue.expected === 'number' || issue.expected === 'int') &&
    value.trim() !== '' &&
    !Number.isNaN(Number(value))
  ) {
    message += ' (remove the quotes)';
  }
  if (typeof value === 'string' && issue.expected === 'boolean' && /^(true|false)$/i.test(value))
    message += ' (remove the quotes)';
  if (typeof value === 'number' && issue.expected === 'int')
    message = `must be a whole number, got ${value}`;
  if (Array.isArray(value) && issue.expected === 'record')
    message += ' — write one table per name, e.g. [llm.providers.openai]';
  return message;
}

function sizeMessage(issue: Extract<ZodIssue, { code: 'too_small' | 'too_big' }>): string {
  const bound = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
  if (issue.origin === 'string')
    return issue.code === 'too_small' ? 'must not be empty' : `must be at most ${bound} characters`;
  if (issue.origin === 'array')
    return issue.code === 'too_small'
      ? `must have at least ${bound} items`
      : `must have at most ${bound} items`;
  if (issue.code === 'too_small') {
    if (bound === 0 && issue.inclusive) return 'must not be negative';
    return issue.inclusive ? `must be at least ${bound}` : `must be greater than ${bound}`;
  }
  return issue.inclusive ? `must be at most ${bound}` : `must be less than ${bound}`;
}

/**
 * An unquoted dotted model key (`[llm.providers.openai.models.gpt-3.5-turbo]`) is read by TOML as
 * model `gpt-3` holding a table `5-turbo`: the model name it meant, when the unknown key of a model
 * table holds a table, else undefined.
 */
function dottedModelName(modelPath: ConfigPath, key: string, value: unknown): string | undefined {
  if (!isModelTable(modelPath) || !isTable(value)) return undefined;
  let name = `${String(modelPath[4])}.${key}`;
  let node: unknown = value;
  for (;;) {
    const keys = isTable(node) ? Object.keys(node) : [];
    if (
      keys.length !== 1 ||
      MODEL_KEYS.has(keys[0]!) ||
      !isTable((node as Record<string, unknown>)[keys[0]!])
    )
      return name;
    name += `.${keys[0]!}`;
    node = (node as Record<string, unknown>)[keys[0]!];
  }
}

function unknownKeys(
  issue: Extract<ZodIssue, { code: 'unrecognized_keys' }>,
  context: Context,
): IssueDraft[] {
  const table = schemaAtPath(context.schema, context.path);
  const validKeys = table ? objectKeys(table) : [];
  return issue.keys.map((key) => {
    const suggestion = closestMatch(key, validKeys);
    const dotted = suggestion
      ? undefined
      : dottedModelName(context.path, key, valueAtPath(context.tree, [...context.path, key]));
    if (dotted)
      return {
        path: [...context.path, key],
        message: `model name ${dotted} contains dots and must be quoted: models.${JSON.stringify(dotted)} (unquoted, TOML reads model "${String(context.path[4])}" holding a table "${key}")`,
      };
    const hint = suggestion ? undefined : misplacedKeyHint(context.path, key);
    return {
      path: [...context.path, key],
      message: `unknown key "${key}"${hint ? ` (${hint})` : ''}`,
      ...(suggestion ? { suggestion } : {}),
    };
  });
}

/**
 * One or more readable drafts for a zod issue; values are described, never echoed (they may be
 * secrets). `templates` holds, by formatted path, the `${…}` text of substituted values that did not
 * read as the expected type.
 */
export function zodIssueToDrafts(
  issue: ZodIssue,
  schema: z.ZodType,
  tree: unknown,
  templates: ReadonlyMap<string, string> = new Map(),
): IssueDraft[] {
  const path = issue.path.filter(
    (segment): segment is string | number => typeof segment !== 'symbol',
  );
  const value = valueAtPath(tree, path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return unknownKeys(issue, { schema, tree, path });
    case 'invalid_type':
      return [{ path, message: typeMessage(issue, value, templates.get(formatConfigPath(path))) }];
    case 'too_small':
    case 'too_big':
      return [{ path, message: sizeMessage(issue) }];
    case 'invalid_value': {
      const allowed = issue.values.map((option) => JSON.stringify(option)).join(', ');
      const suggestion =
        typeof value === 'string' ? closestMatch(value, issue.values.map(String)) : undefined;
      const got = typeof value === 'string' ? `"${value}" is not allowed: ` : '';
      return [
        { path, message: `${got}must be one of ${allowed}`, ...(suggestion ? { suggestion } : {}) },
      ];
    }
    case 'invalid_format':
      return [
        {
          path,
          message:
            issue.format === 'url'
              ? 'must be a URL such as https://api.example.com/v1'
              : `must be a valid ${issue.format}`,
        },
      ];
    default:
      return [{ path, message: issue.message }];
  }
}
