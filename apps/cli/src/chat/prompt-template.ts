// `llm chat -t <name> -v key=value`: one of @llm/tools' preset templates rendered with the
// variables given on the command line (and what is piped in), checked before any call is made.
import { closestMatch, LLMError, type LLMMessage } from '@llm/core';
import { compileSchema, templates, type ParametersSchema } from '@llm/tools';
import { CommandLineError } from '../command';

type AnyTemplate = (typeof templates)[keyof typeof templates];

/** One variable of a template as `llm templates` lists it. */
export interface TemplateVariable {
  readonly name: string;
  /** `string`, `number`, `boolean`, `array`, `object` or the choices of an enum (`a|b`). */
  readonly type: string;
  readonly required: boolean;
}

interface JsonProperty {
  type?: string;
  enum?: unknown[];
}

/** The templates `-t` takes, by name. */
export function templateNames(): string[] {
  return Object.keys(templates);
}

export function findTemplate(name: string): AnyTemplate {
  const found = (templates as Readonly<Record<string, AnyTemplate | undefined>>)[name];
  if (found) return found;
  const names = templateNames();
  const suggestion = closestMatch(name, names);
  throw new CommandLineError(
    `unknown template "${name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; llm templates lists them: ${names.join(', ')}`,
  );
}

/** The template's variables in declaration order, from its schema's JSON Schema. */
export function templateVariables(template: AnyTemplate): TemplateVariable[] {
  const schema = compileSchema<unknown>(
    template.variables as ParametersSchema,
    `template "${template.name}"`,
  ).jsonSchema as {
    properties?: Record<string, JsonProperty>;
    required?: string[];
  };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    type: property.enum ? property.enum.map(String).join('|') : (property.type ?? 'any'),
    required: schema.required?.includes(name) ?? false,
  }));
}

/** `key=value` pairs; a value for a number, boolean, list or object variable is read as JSON (a list may also be `a,b,c`). */
function parseValues(
  pairs: readonly string[],
  variables: readonly TemplateVariable[],
  template: string,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals <= 0)
      throw new CommandLineError(`-v takes key=value (got "${pair}") for template "${template}"`);
    const key = pair.slice(0, equals);
    const raw = pair.slice(equals + 1);
    const variable = variables.find((candidate) => candidate.name === key);
    if (!variable) {
      const suggestion = closestMatch(
        key,
        variables.map(({ name }) => name),
      );
      throw new CommandLineError(
        `template "${template}" has no variable "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''} (variables: ${variables.map(({ name }) => name).join(', ')})`,
      );
    }
    values[key] = typedValue(raw, variable, template);
  }
  return values;
}

function typedValue(raw: string, variable: TemplateVariable, template: string): unknown {
  if (variable.type === 'string' || variable.type.includes('|') || variable.type === 'any')
    return raw;
  try {
    return JSON.parse(raw);
  } catch {
    if (variable.type === 'array') return raw.split(',').map((item) => item.trim());
    throw new CommandLineError(
      `-v ${variable.name}: template "${template}" takes ${/^[aeiou]/.test(variable.type) ? 'an' : 'a'} ${variable.type} (got "${raw}")`,
    );
  }
}

/**
 * The template's messages for `-v` values: text piped in fills the first required variable the
 * command line left unset (`git diff | llm chat -t commit_message`). A missing or mistyped variable
 * is a command-line mistake naming the variable and the template.
 */
export function renderTemplate(
  name: string,
  pairs: readonly string[],
  piped: string | undefined,
): { messages: LLMMessage[]; pipedUsed: boolean } {
  const template = findTemplate(name);
  const variables = templateVariables(template);
  const values = parseValues(pairs, variables, name);
  let pipedUsed = false;
  const unset = variables.filter((variable) => variable.required && !(variable.name in values));
  const fillable = unset.find((variable) => variable.type === 'string');
  if (piped?.trim() && fillable) {
    values[fillable.name] = piped;
    pipedUsed = true;
  }
  const missing = unset.filter((variable) => !(variable.name in values));
  if (missing.length > 0)
    throw new CommandLineError(
      `template "${name}" needs ${missing.map((variable) => `-v ${variable.name}=…`).join(' ')} (missing ${missing.map(({ name: missingName }) => `"${missingName}"`).join(', ')})`,
    );
  try {
    return { messages: template.renderMessages(values as never), pipedUsed };
  } catch (error) {
    if (LLMError.is(error) && error.code === 'template_invalid')
      throw new CommandLineError(error.message, { cause: error });
    throw error;
  }
}
