import * as z from './zod-subset';

/** A JSON Schema object; validated for shape only (type object at the top). */
export const JsonSchemaSchema = z.record(z.string(), z.unknown());
export type JsonSchema = z.output<typeof JsonSchemaSchema>;

export const LLMToolSchema = z.object({
  type: z.literal('function'),
  function: z.object({
    name: z
      .string()
      .regex(/^[a-zA-Z0-9_-]{1,64}$/, 'tool names are 1-64 letters, digits, "_" or "-"'),
    description: z.string().optional(),
    parameters: JsonSchemaSchema.optional(),
    strict: z.boolean().optional(),
  }),
});
export type LLMTool = z.output<typeof LLMToolSchema>;

/** A tool call made by the model; `arguments` is the JSON text the model wrote. */
export const LLMToolCallSchema = z.object({
  id: z.string(),
  type: z.literal('function'),
  function: z.object({
    name: z.string(),
    arguments: z.string(),
  }),
});
export type LLMToolCall = z.output<typeof LLMToolCallSchema>;

export const LLMToolChoiceSchema = z.union([
  z.enum(['auto', 'required', 'none']),
  z.object({ type: z.literal('function'), function: z.object({ name: z.string() }) }),
]);
export type LLMToolChoice = z.output<typeof LLMToolChoiceSchema>;
