import Handlebars from 'handlebars';
import * as z from '@llm/core/zod';
import { closestMatch, LLMError, LLMErrorType, type LLMMessage } from '@llm/core';

/** What `defineTemplate` takes. */
export interface TemplateDefinition<Variables extends z.ZodObject> {
  /** Names the template in errors and in the `templates` record. */
  readonly name: string;
  readonly description?: string;
  /** The user turn: Handlebars syntax (`{{var}}`, `{{#if}}`, `{{#each}}`, `{{> partial}}`), never HTML-escaped. */
  readonly template: string;
  /** The system turn, same syntax; no system message when absent. */
  readonly system?: string;
  /** The variables and their types; every render is validated against it. */
  readonly variables: Variables;
  /** Templates (or template text) this one includes as `{{> name}}`. */
  readonly partials?: Readonly<Record<string, string | PromptTemplate<z.ZodObject>>>;
}

/** A defined template: validated rendering to text or to chat messages. */
export interface PromptTemplate<Variables extends z.ZodObject> {
  readonly name: string;
  readonly description?: string;
  readonly variables: Variables;
  /** The source of the user turn, for composition. */
  readonly source: string;
  readonly systemSource?: string;
  /** The user turn rendered; throws an `invalid_request` LLMError naming missing or mistyped variables. */
  render(values: z.input<Variables>): string;
  /** The system turn (when the template has one) and the user turn. */
  renderMessages(values: z.input<Variables>): LLMMessage[];
}

const BLOCK_HELPERS_KEEPING_CONTEXT = new Set(['if', 'unless']);

/** Top-level variable names a template reads in its own context (not inside `#each`/`#with`). */
function referencedNames(source: string): Set<string> {
  const names = new Set<string>();
  const visitPath = (node: unknown) => {
    const path = node as { type?: string; parts?: string[]; data?: boolean; depth?: number };
    if (path?.type === 'PathExpression' && !path.data && path.depth === 0 && path.parts?.[0]) {
      names.add(path.parts[0]);
    }
  };
  const visit = (program: { body?: unknown[] } | undefined | null) => {
    for (const statement of program?.body ?? []) {
      const node = statement as {
        type: string;
        path?: { original?: unknown };
        params?: unknown[];
        program?: { body?: unknown[] };
        inverse?: { body?: unknown[] };
      };
      if (node.type === 'MustacheStatement') {
        if ((node.params ?? []).length === 0) visitPath(node.path);
        (node.params ?? []).forEach(visitPath);
      } else if (node.type === 'BlockStatement') {
        (node.params ?? []).forEach(visitPath);
        const helper = String(node.path?.original ?? '');
        if (BLOCK_HELPERS_KEEPING_CONTEXT.has(helper)) {
          visit(node.program);
          visit(node.inverse);
        } else visit(node.inverse);
      }
    }
  };
  visit(Handlebars.parse(source));
  return names;
}

function templateError(
  name: string,
  message: string,
  details?: Record<string, unknown>,
  cause?: unknown,
): LLMError {
  return new LLMError({
    type: LLMErrorType.INVALID_REQUEST,
    message: `Template "${name}": ${message}`,
    retryable: false,
    code: 'template_invalid',
    ...(details && { details }),
    cause,
  });
}

/**
 * A prompt template on Handlebars (values inserted as they are: `noEscape`), checked when defined
 * (its syntax, and that every variable it reads is declared) and on each render (the values against
 * the zod schema: a missing or mistyped variable is named in the error).
 */
export function defineTemplate<Variables extends z.ZodObject>(
  definition: TemplateDefinition<Variables>,
): PromptTemplate<Variables> {
  const { name, template, system, variables, partials = {} } = definition;
  if (typeof name !== 'string' || name === '') {
    throw templateError(String(name), 'name must be a non-empty string');
  }
  if (!(variables instanceof z.ZodObject)) {
    throw templateError(name, 'variables must be a zod object schema (z.object({...}))');
  }
  const environment = Handlebars.create();
  const declared = Object.keys(variables.shape);
  const sources = [template, ...(system !== undefined ? [system] : [])];
  for (const [partialName, partial] of Object.entries(partials)) {
    const source = typeof partial === 'string' ? partial : partial.source;
    environment.registerPartial(partialName, source);
    sources.push(source);
  }
  for (const source of sources) {
    let names: Set<string>;
    try {
      names = referencedNames(source);
    } catch (error) {
      throw templateError(name, `syntax error: ${(error as Error).message}`, undefined, error);
    }
    for (const used of names) {
      if (!declared.includes(used)) {
        const closest = closestMatch(used, declared);
        throw templateError(
          name,
          `the template uses {{${used}}} but the variables schema does not declare "${used}"${closest ? ` (did you mean "${closest}"?)` : ''}`,
          { variable: used },
        );
      }
    }
  }
  const compile = (source: string) => environment.compile(source, { noEscape: true });
  const renderUser = compile(template);
  const renderSystem = system !== undefined ? compile(system) : undefined;

  const validate = (values: unknown): z.output<Variables> => {
    const parsed = variables.safeParse(values);
    if (parsed.success) return parsed.data;
    const issues = parsed.error.issues.map((issue) => ({
      variable: issue.path.map(String).join('.') || '(values)',
      message: issue.message,
    }));
    throw templateError(
      name,
      `invalid variables: ${issues.map((issue) => `${issue.variable}: ${issue.message}`).join('; ')}`,
      { issues },
    );
  };
  const run = (render: (context: unknown) => string, values: unknown): string => {
    try {
      return render(values);
    } catch (error) {
      throw templateError(name, `cannot render: ${(error as Error).message}`, undefined, error);
    }
  };

  return {
    name,
    ...(definition.description !== undefined && { description: definition.description }),
    variables,
    source: template,
    ...(system !== undefined && { systemSource: system }),
    render(values) {
      return run(renderUser, validate(values));
    },
    renderMessages(values) {
      const valid = validate(values);
      return [
        ...(renderSystem ? [{ role: 'system' as const, content: run(renderSystem, valid) }] : []),
        { role: 'user', content: run(renderUser, valid) },
      ];
    },
  };
}

/** The template's messages for `values`: its system turn (if any), then its user turn. */
export function renderMessages<Variables extends z.ZodObject>(
  template: PromptTemplate<Variables>,
  values: z.input<Variables>,
): LLMMessage[] {
  return template.renderMessages(values);
}
