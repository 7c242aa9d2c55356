import { createRequire } from 'node:module';
import * as z from '@llm/core/zod';
import { LLMError, LLMErrorType, type JsonSchema } from '@llm/core';

/** A tool's parameters or an object's shape: a zod schema, or a JSON Schema object. */
export type ParametersSchema<Value = unknown> = z.ZodType<Value> | JsonSchema;

/** The outcome of checking a value against a schema: the parsed value, or the issues found. */
export type SchemaCheck<Value> =
  | { readonly ok: true; readonly value: Value }
  | { readonly ok: false; readonly issues: readonly SchemaIssue[] };

export interface SchemaIssue {
  /** Where in the value: `city`, `items.2.price`, or `(root)`. */
  readonly path: string;
  readonly message: string;
}

/** A schema converted once: its JSON Schema (for the provider) and its validator (for the answer). */
export interface CompiledSchema<Value = unknown> {
  readonly jsonSchema: JsonSchema;
  check(value: unknown): SchemaCheck<Value>;
}

interface AjvValidator {
  (value: unknown): boolean;
  errors?: ReadonlyArray<{ instancePath: string; message?: string }> | null;
}

interface AjvInstance {
  compile(schema: unknown): AjvValidator;
}

let ajv: AjvInstance | undefined;

/** Ajv is loaded on the first JSON Schema compiled, so importing the package stays cheap. */
function jsonSchemaCompiler(): AjvInstance {
  if (ajv) return ajv;
  const require = createRequire(import.meta.url);
  const loaded = require('ajv') as { default?: new (options: object) => AjvInstance };
  const Ajv = (loaded.default ?? loaded) as new (options: object) => AjvInstance;
  ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  return ajv;
}

function isZodSchema(schema: unknown): schema is z.ZodType {
  return (
    typeof schema === 'object' &&
    schema !== null &&
    typeof (schema as { safeParse?: unknown }).safeParse === 'function'
  );
}

/**
 * A schema of zod's classic API converts itself, with the user's own copy of zod (whatever its
 * version); a `zod/mini` schema has no such method and is converted by ours. Both read the
 * descriptions from zod's registry, which every copy shares through `globalThis`.
 */
function zodToJsonSchema(schema: z.ZodType): JsonSchema {
  const own = (schema as { toJSONSchema?: unknown }).toJSONSchema;
  const params = { io: 'input' } as const;
  return (
    typeof own === 'function'
      ? (own as (options: typeof params) => unknown).call(schema, params)
      : z.toJSONSchema(schema, params)
  ) as JsonSchema;
}

function pathText(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}

/**
 * Converts `schema` once: zod through `z.toJSONSchema` (without the `$schema` key providers do not
 * take), a JSON Schema as given and compiled by Ajv. `where` names the schema in the error thrown
 * when it cannot be converted or compiled.
 */
export function compileSchema<Value = unknown>(
  schema: ParametersSchema<Value>,
  where: string,
): CompiledSchema<Value> {
  if (isZodSchema(schema)) {
    let jsonSchema: JsonSchema;
    try {
      const { $schema: _dialect, ...rest } = zodToJsonSchema(schema);
      jsonSchema = rest;
    } catch (error) {
      throw invalidSchema(where, (error as Error).message, error);
    }
    return {
      jsonSchema,
      check(value) {
        const parsed = schema.safeParse(value);
        return parsed.success
          ? { ok: true, value: parsed.data as Value }
          : {
              ok: false,
              issues: parsed.error.issues.map((issue) => ({
                path: pathText(issue.path),
                message: issue.message,
              })),
            };
      },
    };
  }
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw invalidSchema(where, 'expected a zod schema or a JSON Schema object');
  }
  let validate: AjvValidator;
  try {
    validate = jsonSchemaCompiler().compile(schema);
  } catch (error) {
    throw invalidSchema(where, (error as Error).message, error);
  }
  return {
    jsonSchema: schema,
    check(value) {
      if (validate(value)) return { ok: true, value: value as Value };
      return {
        ok: false,
        issues: (validate.errors ?? []).map((error) => ({
          path: error.instancePath ? error.instancePath.slice(1).replaceAll('/', '.') : '(root)',
          message: error.message ?? 'is invalid',
        })),
      };
    },
  };
}

/** The issues as one line for a model or a person: `city: Required; days: Expected number`. */
export function describeIssues(issues: readonly SchemaIssue[]): string {
  return issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
}

function invalidSchema(where: string, problem: string, cause?: unknown): LLMError {
  return new LLMError({
    type: LLMErrorType.INVALID_REQUEST,
    message: `${where} is not a usable schema: ${problem}`,
    retryable: false,
    cause,
  });
}
