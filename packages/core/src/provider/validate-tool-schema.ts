import { createRequire } from 'node:module';

interface SchemaValidator {
  validateSchema(schema: unknown): boolean | Promise<unknown>;
  errors?: ReadonlyArray<{ instancePath: string; message?: string }> | null;
}

let validator: SchemaValidator | undefined;

/** Ajv is loaded on the first request with tools, so importing core stays cheap. */
function schemaValidator(): SchemaValidator {
  if (validator) return validator;
  const require = createRequire(import.meta.url);
  const loaded = require('ajv') as { default?: new (options: object) => SchemaValidator };
  const Ajv = (loaded.default ?? loaded) as new (options: object) => SchemaValidator;
  validator = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  return validator;
}

/**
 * Why `schema` is not a valid JSON Schema (checked against the draft-07 meta-schema by Ajv), or
 * undefined when it is. A schema declaring another `$schema` dialect is not checked here: the
 * provider is the judge of dialects Ajv's default instance does not carry.
 */
export function jsonSchemaProblem(schema: Readonly<Record<string, unknown>>): string | undefined {
  const ajv = schemaValidator();
  let valid: boolean | Promise<unknown>;
  try {
    valid = ajv.validateSchema(schema);
  } catch {
    return undefined;
  }
  if (valid === true) return undefined;
  const first = ajv.errors?.[0];
  if (!first) return 'is not a valid JSON Schema';
  const where = first.instancePath ? ` at ${first.instancePath}` : '';
  return `is not a valid JSON Schema${where}: ${first.message ?? 'invalid'}`;
}
