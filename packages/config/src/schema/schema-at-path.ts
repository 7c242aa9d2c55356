import type { z } from 'zod';

interface SchemaDefinition {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  valueType?: z.ZodType;
  element?: z.ZodType;
  entries?: Record<string, string | number>;
}

function definitionOf(schema: z.ZodType): SchemaDefinition {
  return (schema as unknown as { _zod: { def: SchemaDefinition } })._zod.def;
}

const WRAPPERS = new Set([
  'optional',
  'default',
  'prefault',
  'nullable',
  'readonly',
  'catch',
  'nonoptional',
]);

/** The schema under optional/default/nullable/pipe wrappers. */
function unwrapSchema(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const definition = definitionOf(current);
    if (WRAPPERS.has(definition.type) && definition.innerType) current = definition.innerType;
    else if (definition.type === 'pipe' && definition.in) current = definition.in;
    else return current;
  }
}

/** The schema that validates the value at `path` below `schema`, or undefined when none does. */
export function schemaAtPath(
  schema: z.ZodType,
  path: readonly (string | number)[],
): z.ZodType | undefined {
  let current: z.ZodType | undefined = unwrapSchema(schema);
  for (const segment of path) {
    const definition: SchemaDefinition = definitionOf(current);
    if (definition.type === 'object') current = definition.shape?.[String(segment)];
    else if (definition.type === 'record') current = definition.valueType;
    else if (definition.type === 'array') current = definition.element;
    else return undefined;
    if (!current) return undefined;
    current = unwrapSchema(current);
  }
  return current;
}

/** What kind of value a schema takes: `string`, `number`, `boolean`, `object`, `record`, `array`, `enum`… */
export function schemaKind(schema: z.ZodType): string {
  return definitionOf(unwrapSchema(schema)).type;
}

/** The keys an object schema allows (empty for anything else). */
export function objectKeys(schema: z.ZodType): string[] {
  const definition = definitionOf(unwrapSchema(schema));
  return definition.type === 'object' ? Object.keys(definition.shape ?? {}) : [];
}

/** The element kind of an array schema, e.g. `enum` for `retryable_errors`. */
export function arrayElementKind(schema: z.ZodType): string | undefined {
  const definition = definitionOf(unwrapSchema(schema));
  return definition.type === 'array' && definition.element
    ? schemaKind(definition.element)
    : undefined;
}
