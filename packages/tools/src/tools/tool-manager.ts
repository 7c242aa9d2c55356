import { closestMatch, LLMError, LLMErrorType, type LLMTool } from '@llm/core';
import { compileSchema, type CompiledSchema, type ParametersSchema } from './tool-schema';

/** What a tool's `execute` receives besides its arguments. */
export interface ToolExecutionContext {
  /** Aborted when the loop is aborted: pass it on to anything long the tool does. */
  readonly signal: AbortSignal;
  /** The loop's id: every step's usage record carries it as `call_id`. */
  readonly callId: string;
  /** The 1-based step of the loop whose answer asked for this call. */
  readonly step: number;
  /** The model's id of this tool call (`call_…`, `toolu_…`). */
  readonly toolCallId: string;
}

/** A tool the model may call: its name, what it does, its parameters and what running it does. */
// `any` by default: a registry holds tools of different argument types, and `execute` takes its
// arguments contravariantly, so a default of `unknown` would refuse every typed tool.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface ToolDefinition<Args = any, Result = unknown> {
  /** 1-64 letters, digits, `_` or `-` (the providers' limit). */
  readonly name: string;
  readonly description?: string;
  /** A zod schema or a JSON Schema object for the arguments; an empty object schema when absent. */
  readonly parameters?: ParametersSchema<Args>;
  /** Sets OpenAI's `strict` flag on the function. */
  readonly strict?: boolean;
  /** Runs the call with the validated arguments; what it returns (or resolves to) is sent back. */
  readonly execute?: (args: Args, context: ToolExecutionContext) => Result | Promise<Result>;
}

/** A registered tool, its schema converted once. */
export interface RegisteredTool {
  readonly definition: ToolDefinition;
  readonly parameters: CompiledSchema;
  readonly llmTool: LLMTool;
}

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const EMPTY_OBJECT = { type: 'object', properties: {} } as const;

/**
 * The tool registry: registration (names checked against the providers' limit, schemas converted
 * to JSON Schema once), the tools in the provider-neutral `LLMTool` shape, and lookup by the name a
 * model asked for.
 */
export class ToolManager {
  readonly #tools = new Map<string, RegisteredTool>();

  constructor(definitions: readonly ToolDefinition[] = []) {
    for (const definition of definitions) this.register(definition);
  }

  /** Adds a tool; throws an `invalid_request` LLMError for a bad or taken name or a bad schema. */
  register<Args, Result>(definition: ToolDefinition<Args, Result>): this {
    const name = (definition as { name?: unknown }).name;
    if (typeof name !== 'string' || !TOOL_NAME.test(name)) {
      throw invalidTool(
        `Tool name ${JSON.stringify(name)} is not 1-64 letters, digits, "_" or "-" (the providers' limit)`,
      );
    }
    if (this.#tools.has(name)) {
      throw invalidTool(`A tool named "${name}" is registered already; unregister it first`);
    }
    if (definition.execute !== undefined && typeof definition.execute !== 'function') {
      throw invalidTool(`Tool "${name}": execute must be a function`);
    }
    const parameters = compileSchema(
      (definition.parameters ?? EMPTY_OBJECT) as ParametersSchema,
      `The parameters of tool "${name}"`,
    );
    const llmTool: LLMTool = {
      type: 'function',
      function: {
        name,
        ...(definition.description !== undefined && { description: definition.description }),
        parameters: parameters.jsonSchema,
        ...(definition.strict !== undefined && { strict: definition.strict }),
      },
    };
    this.#tools.set(name, { definition: definition as ToolDefinition, parameters, llmTool });
    return this;
  }

  /** Removes a tool; true when it was registered. */
  unregister(name: string): boolean {
    return this.#tools.delete(name);
  }

  /** The registered tools' definitions, in registration order. */
  list(): ToolDefinition[] {
    return [...this.#tools.values()].map((tool) => tool.definition);
  }

  has(name: string): boolean {
    return this.#tools.has(name);
  }

  get(name: string): RegisteredTool | undefined {
    return this.#tools.get(name);
  }

  /** The nearest registered name to one the model made up, for the error it is sent back. */
  closestName(name: string): string | undefined {
    return closestMatch(name, [...this.#tools.keys()]);
  }

  /** The tools as a request's `tools` field takes them. */
  toLLMTools(): LLMTool[] {
    return [...this.#tools.values()].map((tool) => tool.llmTool);
  }
}

/** `tools` as a ToolManager: itself, or a registry of the given definitions. */
export function toToolManager(tools: ToolManager | readonly ToolDefinition[]): ToolManager {
  return tools instanceof ToolManager ? tools : new ToolManager(tools);
}

function invalidTool(message: string): LLMError {
  return new LLMError({ type: LLMErrorType.INVALID_REQUEST, message, retryable: false });
}
