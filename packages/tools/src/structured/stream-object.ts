import { randomUUID } from 'node:crypto';
import {
  LLMError,
  LLMErrorType,
  type FinishChunk,
  type LLMResponse,
  type TokenUsage,
} from '@llm/core';
import type { AgentModel } from '../agent-model';
import {
  checkAnswer,
  invalidObjectError,
  planObject,
  type GenerateObjectOptions,
  type GenerateObjectRequest,
} from './generate-object';
import { parsePartialJson } from './parse-partial-json';

/** The object so far, each time more of it has arrived. */
export interface PartialObjectChunk<Value> {
  readonly type: 'partial';
  /** Not validated: fields may be missing or cut short. */
  readonly partial: DeepPartial<Value>;
}

/** The last chunk: the whole object, validated. */
export interface ObjectFinishChunk<Value> {
  readonly type: 'finish';
  readonly object: Value;
  readonly usage: TokenUsage;
  readonly cost: number | undefined;
  readonly mode: 'json_schema' | 'tool';
  readonly callId: string;
}

export type ObjectStreamChunk<Value> = PartialObjectChunk<Value> | ObjectFinishChunk<Value>;

export type DeepPartial<Value> = Value extends object
  ? { [Key in keyof Value]?: DeepPartial<Value[Key]> }
  : Value;

/**
 * One object of `schema`, streamed: a `partial` chunk each time the JSON that has arrived holds
 * more, then a `finish` chunk with the validated object. A stream has no repair (its partial
 * objects were already shown): an invalid object rejects with the validation issues.
 */
export async function* streamObject<Value>(
  model: AgentModel,
  input: GenerateObjectRequest<Value>,
  options: GenerateObjectOptions = {},
): AsyncGenerator<ObjectStreamChunk<Value>> {
  const plan = planObject(model, input);
  const callId = options.callId ?? randomUUID();
  let text = '';
  let shown = '';
  let finish: FinishChunk | undefined;
  for await (const chunk of model.stream(plan.request, {
    callId,
    ...(options.signal && { signal: options.signal }),
    ...(options.tags && { tags: options.tags }),
  })) {
    if (chunk.type === 'finish') finish = chunk;
    else if (chunk.type === 'restart') text = '';
    else {
      const delta =
        plan.mode === 'json_schema'
          ? chunk.type === 'text-delta'
            ? chunk.delta
            : undefined
          : chunk.type === 'tool-call-delta'
            ? chunk.arguments_delta
            : undefined;
      if (delta === undefined) continue;
      text += delta;
      const partial = parsePartialJson(text);
      const serialized = partial === undefined ? '' : JSON.stringify(partial);
      if (serialized !== '' && serialized !== shown) {
        shown = serialized;
        yield { type: 'partial', partial: partial as DeepPartial<Value> };
      }
    }
  }
  if (!finish) {
    throw new LLMError({
      type: LLMErrorType.UNKNOWN_ERROR,
      message: 'The stream ended without its finish chunk',
      retryable: false,
    });
  }
  const response: LLMResponse = {
    success: true,
    content: text,
    model: finish.model ?? plan.request.model,
    usage: finish.usage,
    finish_reason: finish.finish_reason,
    metadata: { provider_name: finish.metadata?.provider_name ?? '', response_time: 0 },
  };
  // In tool mode the text gathered is the forced call's arguments.
  const checked = checkAnswer(plan, text);
  if (!checked.ok) throw invalidObjectError(checked.issues, response, 1);
  const usage = model.sumUsage([finish.usage]);
  yield { type: 'finish', object: checked.value, usage, cost: usage.cost, mode: plan.mode, callId };
}
