import { randomUUID } from 'node:crypto';
import {
  abortedByCallerError,
  assistantMessageFrom,
  LLMError,
  LLMErrorType,
  toLLMError,
  type LLMMessage,
  type LLMRequest,
  type LLMResponse,
  type LLMTool,
  type LLMToolCall,
} from '@llm/core';
import type { AgentModel } from '../agent-model';
import { executeToolCalls, toolMessages } from '../tools/execute-tool-calls';
import type { ToolManager } from '../tools/tool-manager';
import {
  DEFAULT_MAX_STEPS,
  type ToolLoopOptions,
  type ToolLoopResult,
  type ToolLoopStep,
} from './tool-loop-types';

/** What every step of one loop shares: its id, its abort signal, its tools, its limit. */
export interface LoopRun {
  readonly callId: string;
  readonly signal: AbortSignal;
  readonly maxSteps: number;
  readonly tools: LLMTool[];
  stepRequest(messages: readonly LLMMessage[], step: number): LLMRequest;
}

/** Checks the options and fixes what every step of the loop shares. */
export function startLoop(
  request: LLMRequest,
  tools: ToolManager,
  options: ToolLoopOptions,
): LoopRun {
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  if (!Number.isInteger(maxSteps) || maxSteps < 1) {
    throw loopOptionError(`maxSteps must be a positive integer (got ${String(maxSteps)})`);
  }
  if (
    options.maxParallel !== undefined &&
    (!Number.isInteger(options.maxParallel) || options.maxParallel < 1)
  ) {
    throw loopOptionError(
      `maxParallel must be a positive integer (got ${String(options.maxParallel)})`,
    );
  }
  const own = tools.toLLMTools();
  const names = new Set(own.map((tool) => tool.function.name));
  // The request's own tools stay offered unless a registered tool of the same name replaces them.
  const merged = [
    ...(request.tools ?? []).filter((tool) => !names.has(tool.function.name)),
    ...own,
  ];
  const { toolChoice } = options;
  return {
    callId: options.callId ?? randomUUID(),
    signal: options.signal ?? new AbortController().signal,
    maxSteps,
    tools: merged,
    stepRequest(messages, step) {
      const choice = typeof toolChoice === 'function' ? toolChoice(step) : toolChoice;
      return {
        ...request,
        messages: [...messages],
        tools: merged,
        ...(choice !== undefined && { tool_choice: choice }),
      };
    },
  };
}

function loopOptionError(message: string): LLMError {
  return new LLMError({ type: LLMErrorType.INVALID_REQUEST, message, retryable: false });
}

/**
 * The `tool` messages answering the calls of the step the limit stopped: those calls were not run,
 * and a history where a tool call has no result is refused by the providers on the next request.
 */
export function unansweredCalls(calls: readonly LLMToolCall[]): LLMMessage[] {
  return calls.map((call) => ({
    role: 'tool',
    tool_call_id: call.id,
    content: JSON.stringify({ error: 'Not run: the tool loop reached its step limit (maxSteps).' }),
  }));
}

/**
 * True when a call names a registered tool without `execute`: such tools are run by the caller,
 * so the loop stops and returns the calls (finish reason `tool_calls`), unanswered.
 */
export function callsForTheCaller(tools: ToolManager, calls: readonly LLMToolCall[]): boolean {
  return calls.some((call) => {
    const tool = tools.get(call.function.name);
    return tool !== undefined && tool.definition.execute === undefined;
  });
}

/** The error a loop rejects with: an abort as the `aborted` LLMError, anything else as an LLMError. */
export function loopError(error: unknown, signal: AbortSignal): LLMError {
  if (signal.aborted && !LLMError.is(error)) return abortedByCallerError(undefined, error);
  return toLLMError(error);
}

/**
 * The tool loop: calls the model, runs every tool call of the answer (validated, in parallel up to
 * `maxParallel`), sends the results back as `tool` messages, and repeats until an answer has no
 * tool calls or `maxSteps` calls were made. Tool calls of the step the limit stops are not run.
 */
export async function runToolLoop(
  model: AgentModel,
  request: LLMRequest,
  tools: ToolManager,
  options: ToolLoopOptions = {},
): Promise<ToolLoopResult> {
  const run = startLoop(request, tools, options);
  const steps: ToolLoopStep[] = [];
  let messages: LLMMessage[] = [...request.messages];
  let response: LLMResponse | undefined;
  let waiting = false;
  try {
    for (let step = 1; step <= run.maxSteps; step++) {
      const stepRequest = run.stepRequest(messages, step);
      response = await model.chat(stepRequest, {
        signal: run.signal,
        callId: run.callId,
        ...(options.tags && { tags: options.tags }),
      });
      const calls = response.tool_calls ?? [];
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
  const finalResponse = response!;
  const stoppedByLimit = !waiting && (finalResponse.tool_calls ?? []).length > 0;
  const usage = model.sumUsage(steps.map((step) => step.usage));
  return {
    content: finalResponse.content,
    finish_reason: stoppedByLimit ? 'max_steps' : (finalResponse.finish_reason ?? 'stop'),
    steps,
    usage,
    cost: usage.cost,
    messages,
    callId: run.callId,
    tool_calls: finalResponse.tool_calls ?? [],
  };
}
