import { randomUUID } from 'node:crypto';
import {
  assistantMessageFrom,
  LLMError,
  LLMErrorType,
  type LLMMessage,
  type LLMRequest,
  type LLMResponse,
  type TokenUsage,
} from '@llm/core';
import type { AgentModel } from '../agent-model';
import {
  compileSchema,
  describeIssues,
  type CompiledSchema,
  type ParametersSchema,
  type SchemaIssue,
} from '../tools/tool-schema';

/** How the object is asked for: the provider's JSON-schema response format, or a forced tool call. */
export type ObjectMode = 'auto' | 'json_schema' | 'tool';

/** A chat request for one object of `schema`; `tools`, `tool_choice` and `response_format` are set by the mode. */
export interface GenerateObjectRequest<Value> extends Omit<
  LLMRequest,
  'response_format' | 'tools' | 'tool_choice' | 'stream'
> {
  readonly schema: ParametersSchema<Value>;
  /** `auto` (default): `json_schema` where the model takes it natively, else `tool`. */
  readonly mode?: ObjectMode;
  /** The schema's (or tool's) name sent to the provider; default `result`. */
  readonly schemaName?: string;
  readonly schemaDescription?: string;
}

export interface GenerateObjectOptions {
  readonly signal?: AbortSignal;
  /** Shared by the calls' usage records (`call_id`), the repair included; generated when absent. */
  readonly callId?: string;
  readonly tags?: Readonly<Record<string, string>>;
}

export interface GenerateObjectResult<Value> {
  /** The validated object. */
  readonly object: Value;
  /** The calls' usage summed exactly (a repair adds its call). */
  readonly usage: TokenUsage;
  readonly cost: number | undefined;
  /** The answer the object came from. */
  readonly raw: LLMResponse;
  /** The mode used (`auto` resolved). */
  readonly mode: 'json_schema' | 'tool';
  /** 1, or 2 when the first answer was repaired. */
  readonly attempts: number;
  readonly callId: string;
}

/** What one mode sends and where it reads the answer. */
export interface ObjectPlan<Value> {
  readonly mode: 'json_schema' | 'tool';
  readonly compiled: CompiledSchema<Value>;
  readonly request: LLMRequest;
  readonly name: string;
}

const OBJECT_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** Resolves the mode and builds the request that asks for the object. */
export function planObject<Value>(
  model: AgentModel,
  input: GenerateObjectRequest<Value>,
): ObjectPlan<Value> {
  const { schema, mode = 'auto', schemaName = 'result', schemaDescription, ...request } = input;
  if (!OBJECT_NAME.test(schemaName)) {
    throw new LLMError({
      type: LLMErrorType.INVALID_REQUEST,
      message: `schemaName "${schemaName}" is not 1-64 letters, digits, "_" or "-"`,
      retryable: false,
    });
  }
  if (mode !== 'auto' && mode !== 'json_schema' && mode !== 'tool') {
    throw new LLMError({
      type: LLMErrorType.INVALID_REQUEST,
      message: `mode must be "auto", "json_schema" or "tool" (got ${JSON.stringify(mode)})`,
      retryable: false,
    });
  }
  const compiled = compileSchema<Value>(schema, 'generateObject: schema');
  const resolved =
    mode === 'auto'
      ? model.modelFacts?.({ model: request.model, provider: request.provider })
          .supportsJsonSchema === false
        ? 'tool'
        : 'json_schema'
      : mode;
  const description = schemaDescription !== undefined ? { description: schemaDescription } : {};
  const asked: LLMRequest =
    resolved === 'json_schema'
      ? {
          ...request,
          response_format: {
            type: 'json_schema',
            json_schema: { name: schemaName, schema: compiled.jsonSchema, ...description },
          },
        }
      : {
          ...request,
          tools: [
            {
              type: 'function',
              function: { name: schemaName, parameters: compiled.jsonSchema, ...description },
            },
          ],
          tool_choice: { type: 'function', function: { name: schemaName } },
        };
  return { mode: resolved, compiled, request: asked, name: schemaName };
}

/** The JSON text of the answer: the message text, or the forced tool call's arguments. */
export function answerText(plan: ObjectPlan<unknown>, response: LLMResponse): string | undefined {
  if (plan.mode === 'json_schema') return response.content;
  const call = (response.tool_calls ?? []).find((toolCall) => toolCall.function.name === plan.name);
  return call?.function.arguments ?? response.content;
}

/** The text parsed and validated: the object, or the issues a repair shows the model. */
export function checkAnswer<Value>(
  plan: ObjectPlan<Value>,
  text: string | undefined,
): { ok: true; value: Value } | { ok: false; issues: readonly SchemaIssue[] } {
  if (text === undefined || text.trim() === '') {
    return { ok: false, issues: [{ path: '(root)', message: 'the answer held no JSON' }] };
  }
  let value: unknown;
  try {
    value = JSON.parse(stripCodeFence(text));
  } catch (error) {
    return {
      ok: false,
      issues: [{ path: '(root)', message: `not valid JSON (${(error as Error).message})` }],
    };
  }
  return plan.compiled.check(value);
}

/** Models asked for JSON in plain text sometimes wrap it in a Markdown code fence. */
function stripCodeFence(text: string): string {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/.exec(text);
  return fenced ? fenced[1]! : text;
}

/** The messages that show the model its invalid answer and why, asking for a corrected one. */
function repairMessages(
  plan: ObjectPlan<unknown>,
  response: LLMResponse,
  issues: readonly SchemaIssue[],
): LLMMessage[] {
  const problem = `The answer does not match the required JSON schema: ${describeIssues(issues)}.`;
  const call = (response.tool_calls ?? []).find((toolCall) => toolCall.function.name === plan.name);
  if (plan.mode === 'tool' && call) {
    return [
      assistantMessageFrom(response),
      {
        role: 'tool',
        tool_call_id: call.id,
        content: `${problem} Call ${plan.name} again with corrected arguments.`,
      },
    ];
  }
  return [
    assistantMessageFrom(response),
    { role: 'user', content: `${problem} Reply again with only the corrected JSON.` },
  ];
}

/** The error an object that failed validation twice rejects with, the issues in its details. */
export function invalidObjectError(
  issues: readonly SchemaIssue[],
  response: LLMResponse,
  attempts: number,
): LLMError {
  return new LLMError({
    type: LLMErrorType.UNKNOWN_ERROR,
    message: `The model's answer does not match the schema after ${attempts} attempt(s): ${describeIssues(issues)}`,
    providerName: response.metadata.provider_name,
    model: response.model,
    retryable: false,
    code: 'invalid_object',
    details: { issues, content: response.content },
  });
}

/**
 * One object of `schema` from the model: asked for in the resolved mode, parsed and validated; an
 * invalid first answer is shown to the model with the validation error for one repair.
 */
export async function generateObject<Value>(
  model: AgentModel,
  input: GenerateObjectRequest<Value>,
  options: GenerateObjectOptions = {},
): Promise<GenerateObjectResult<Value>> {
  const plan = planObject(model, input);
  const callId = options.callId ?? randomUUID();
  const callOptions = {
    callId,
    ...(options.signal && { signal: options.signal }),
    ...(options.tags && { tags: options.tags }),
  };
  const usages: TokenUsage[] = [];
  let request = plan.request;
  for (let attempt = 1; ; attempt++) {
    const response = await model.chat(request, callOptions);
    usages.push(response.usage);
    const checked = checkAnswer(plan, answerText(plan, response));
    if (checked.ok) {
      const usage = model.sumUsage(usages);
      return {
        object: checked.value,
        usage,
        cost: usage.cost,
        raw: response,
        mode: plan.mode,
        attempts: attempt,
        callId,
      };
    }
    if (attempt === 2) throw invalidObjectError(checked.issues, response, attempt);
    request = {
      ...request,
      messages: [...request.messages, ...repairMessages(plan, response, checked.issues)],
    };
  }
}
