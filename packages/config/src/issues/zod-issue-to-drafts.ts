import type { z } from 'zod';
import { objectKeys, schemaAtPath } from '../schema/schema-at-path';
import { closestMatch } from './closest-match';
import { valueAtPath, type ConfigPath } from './config-path';
import { describeExpected, describeKind } from './describe-value';
import type { IssueDraft } from './issue-draft';
import { misplacedKeyHint } from './misplaced-key-hint';

type ZodIssue = z.core.$ZodIssue;

interface Context {
  schema: z.ZodType;
  tree: unknown;
  path: ConfigPath;
}

function typeMessage(issue: Extract<ZodIssue, { code: 'invalid_type' }>, value: unknown): string {
  if (value === undefined) return `is required (${describeExpected(issue.expected)})`;
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

function unknownKeys(
  issue: Extract<ZodIssue, { code: 'unrecognized_keys' }>,
  context: Context,
): IssueDraft[] {
  const table = schemaAtPath(context.schema, context.path);
  const validKeys = table ? objectKeys(table) : [];
  return issue.keys.map((key) => {
    const suggestion = closestMatch(key, validKeys);
    const hint = suggestion ? undefined : misplacedKeyHint(context.path, key);
    return {
      path: [...context.path, key],
      message: `unknown key "${key}"${hint ? ` (${hint})` : ''}`,
      ...(suggestion ? { suggestion } : {}),
    };
  });
}

/** One or more readable drafts for a zod issue; values are described, never echoed (they may be secrets). */
export function zodIssueToDrafts(issue: ZodIssue, schema: z.ZodType, tree: unknown): IssueDraft[] {
  const path = issue.path.filter(
    (segment): segment is string | number => typeof segment !== 'symbol',
  );
  const value = valueAtPath(tree, path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return unknownKeys(issue, { schema, tree, path });
    case 'invalid_type':
      return [{ path, message: typeMessage(issue, value) }];
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
