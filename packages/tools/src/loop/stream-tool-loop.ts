import {
  LLMError,
  LLMErrorType,
  type FinishChunk,
  type LLMRequest,
  type LLMResponse,
  type LLMToolCall,
} from '@llm/core';
import type { AgentModel } from '../agent-model';
import type { ToolManager } from '../tools/tool-manager';
import { loopError, startLoop } from './tool-loop';
import type { ToolLoopOptions, ToolStreamChunk } from './tool-loop-types';

/** A step's streamed answer, assembled as the response `assistantMessageFrom` takes. */
function responseFrom(
  text: string,
  calls: LLMToolCall[],
  finish: FinishChunk,
  model: string,
): LLMResponse {
  return {
    success: true,
    ...(text !== '' && { content: text }),
    model: finish.model ?? model,
    usage: finish.usage,
    finish_reason: finish.finish_reason,
    ...(calls.length > 0 && { tool_calls: calls }),
    ...(finish.thinking_blocks && { thinking_blocks: finish.thinking_blocks }),
    metadata: {
      provider_name: finish.metadata?.provider_name ?? '',
      response_time: finish.metadata?.response_time ?? 0,
      ...finish.metadata,
    },
  };
}

/**
 * The tool loop streamed: each step's chunks as the model sends them (its own `finish` becomes a
 * `step-finish`), a `tool-result` chunk per tool call once the step's tools have run, and one final
 * `finish` chunk with every step and the exact sums. The same semantics as `runToolLoop`.
 */
export async function* streamToolLoop(
  model: AgentModel,
  request: LLMRequest,
  tools: ToolManager,
  options: ToolLoopOptions = {},
): AsyncGenerator<ToolStreamChunk> {
  const run = startLoop(request, tools, options);
  try {
    for (let step = 1; step <= run.maxSteps; step++) {
      const stepRequest = run.stepRequest(step);
      let text = '';
      let calls: LLMToolCall[] = [];
      let finish: FinishChunk | undefined;
      for await (const chunk of model.stream(stepRequest, run.callOptions())) {
        if (chunk.type === 'finish') {
          finish = chunk;
          continue;
        }
        if (chunk.type === 'restart') {
          // The answer starts again from another deployment: what was kept so far is void.
          text = '';
          calls = [];
        } else if (chunk.type === 'text-delta') text += chunk.delta;
        else if (chunk.type === 'tool-call') calls.push(chunk.tool_call);
        yield chunk;
      }
      if (!finish) {
        throw new LLMError({
          type: LLMErrorType.UNKNOWN_ERROR,
          message: `Step ${step}: the stream ended without its finish chunk`,
          retryable: false,
        });
      }
      const response = responseFrom(text, calls, finish, stepRequest.model);
      yield {
        type: 'step-finish',
        step,
        finish_reason: finish.finish_reason,
        usage: finish.usage,
        tool_calls: calls,
      };
      const stepTools = await run.runTools(step, response);
      for (const result of stepTools.results) yield { type: 'tool-result', step, result };
      await run.endStep(step, stepRequest, response, stepTools);
      if (stepTools.last) break;
    }
  } catch (error) {
    throw loopError(error, run.signal);
  }
  yield { type: 'finish', ...run.result(model) };
}
