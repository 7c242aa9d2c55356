import {
  assistantMessageFrom,
  LLMError,
  LLMErrorType,
  type FinishChunk,
  type LLMMessage,
  type LLMRequest,
  type LLMResponse,
  type LLMToolCall,
} from '@llm/core';
import type { AgentModel } from '../agent-model';
import { executeToolCalls, toolMessages } from '../tools/execute-tool-calls';
import type { ToolManager } from '../tools/tool-manager';
import { callsForTheCaller, loopError, startLoop, unansweredCalls } from './tool-loop';
import type { ToolLoopOptions, ToolLoopStep, ToolStreamChunk } from './tool-loop-types';

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
  const steps: ToolLoopStep[] = [];
  let messages: LLMMessage[] = [...request.messages];
  let response: LLMResponse | undefined;
  let waiting = false;
  try {
    for (let step = 1; step <= run.maxSteps; step++) {
      const stepRequest = run.stepRequest(messages, step);
      let text = '';
      let calls: LLMToolCall[] = [];
      let finish: FinishChunk | undefined;
      for await (const chunk of model.stream(stepRequest, {
        signal: run.signal,
        callId: run.callId,
        ...(options.tags && { tags: options.tags }),
      })) {
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
      response = responseFrom(text, calls, finish, stepRequest.model);
      yield {
        type: 'step-finish',
        step,
        finish_reason: finish.finish_reason,
        usage: finish.usage,
        tool_calls: calls,
      };
      waiting = callsForTheCaller(tools, calls);
      const last = calls.length === 0 || waiting || step === run.maxSteps;
      const results = last
        ? []
        : await executeToolCalls(tools, calls, {
            signal: run.signal,
            callId: run.callId,
            step,
            ...(options.maxParallel !== undefined && { maxParallel: options.maxParallel }),
          });
      for (const result of results) yield { type: 'tool-result', step, result };
      messages = [
        ...messages,
        assistantMessageFrom(response),
        ...(waiting ? [] : last ? unansweredCalls(calls) : toolMessages(results)),
      ];
      const record: ToolLoopStep = {
        step,
        request: stepRequest,
        response,
        tool_calls: calls,
        tool_results: results,
        usage: response.usage,
      };
      steps.push(record);
      await options.onStep?.(record);
      if (last) break;
    }
  } catch (error) {
    throw loopError(error, run.signal);
  }
  const usage = model.sumUsage(steps.map((step) => step.usage));
  const stoppedByLimit = !waiting && (response!.tool_calls ?? []).length > 0;
  yield {
    type: 'finish',
    content: response!.content,
    finish_reason: stoppedByLimit ? 'max_steps' : (response!.finish_reason ?? 'stop'),
    steps,
    usage,
    cost: usage.cost,
    messages,
    callId: run.callId,
    tool_calls: response!.tool_calls ?? [],
  };
}
