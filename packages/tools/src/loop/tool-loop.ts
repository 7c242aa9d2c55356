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
import type { AgentCallOptions, AgentModel } from '../agent-model';
import { executeToolCalls, toolMessages, type ToolResult } from '../tools/execute-tool-calls';
import type { ToolManager } from '../tools/tool-manager';
import {
  DEFAULT_MAX_STEPS,
  type ToolLoopOptions,
  type ToolLoopResult,
  type ToolLoopStep,
} from './tool-loop-types';

/** What one step's tools came to: their results, and whether the loop stops after this step. */
export interface StepTools {
  readonly results: ToolResult[];
  readonly last: boolean;
}

/**
 * One loop's bookkeeping, shared by `runToolLoop` and `streamToolLoop`: the id, signal and limit
 * every step shares, each step's request, which calls run, the history the results extend, the
 * step records, and the result the loop ends with. The two loops differ only in how a step's
 * answer arrives (one response or a stream of chunks).
 */
export class LoopRun {
  readonly callId: string;
  readonly signal: AbortSignal;
  readonly maxSteps: number;
  readonly tools: LLMTool[];
  readonly steps: ToolLoopStep[] = [];
  private messages: LLMMessage[];
  private response: LLMResponse | undefined;
  private waiting = false;

  constructor(
    private readonly request: LLMRequest,
    private readonly registry: ToolManager,
    private readonly options: ToolLoopOptions,
    maxSteps: number,
  ) {
    const own = registry.toLLMTools();
    const names = new Set(own.map((tool) => tool.function.name));
    // The request's own tools stay offered unless a registered tool of the same name replaces them.
    this.tools = [
      ...(request.tools ?? []).filter((tool) => !names.has(tool.function.name)),
      ...own,
    ];
    this.callId = options.callId ?? randomUUID();
    this.signal = options.signal ?? new AbortController().signal;
    this.maxSteps = maxSteps;
    this.messages = [...request.messages];
  }

  /** The request of a step: the history so far, the tools, the step's tool choice. */
  stepRequest(step: number): LLMRequest {
    const { toolChoice } = this.options;
    const choice = typeof toolChoice === 'function' ? toolChoice(step) : toolChoice;
    return {
      ...this.request,
      messages: [...this.messages],
      tools: this.tools,
      ...(choice !== undefined && { tool_choice: choice }),
    };
  }

  /** What every model call of the loop is made with. */
  callOptions(): AgentCallOptions {
    return {
      signal: this.signal,
      callId: this.callId,
      ...(this.options.tags && { tags: this.options.tags }),
    };
  }

  /**
   * Runs the tool calls of a step's answer, unless the loop stops here: the answer has no calls,
   * a call is for the caller, or the step is the last one the limit allows.
   */
  async runTools(step: number, response: LLMResponse): Promise<StepTools> {
    const calls = response.tool_calls ?? [];
    this.response = response;
    this.waiting = callsForTheCaller(this.registry, calls);
    const last = calls.length === 0 || this.waiting || step === this.maxSteps;
    const results = last
      ? []
      : await executeToolCalls(this.registry, calls, {
          signal: this.signal,
          callId: this.callId,
          step,
          ...(this.options.maxParallel !== undefined && { maxParallel: this.options.maxParallel }),
        });
    return { results, last };
  }

  /** Adds the step's answer and tool results to the history, records the step, calls `onStep`. */
  async endStep(
    step: number,
    request: LLMRequest,
    response: LLMResponse,
    { results, last }: StepTools,
  ): Promise<void> {
    const calls = response.tool_calls ?? [];
    this.messages = [
      ...this.messages,
      assistantMessageFrom(response),
      ...(this.waiting ? [] : last ? unansweredCalls(calls) : toolMessages(results)),
    ];
    const record: ToolLoopStep = {
      step,
      request,
      response,
      tool_calls: calls,
      tool_results: results,
      usage: response.usage,
    };
    this.steps.push(record);
    await this.options.onStep?.(record);
  }

  /** How the loop ended: the last answer, every step, and their usages summed by the model. */
  result(model: AgentModel): ToolLoopResult {
    const finalResponse = this.response!;
    const stoppedByLimit = !this.waiting && (finalResponse.tool_calls ?? []).length > 0;
    const usage = model.sumUsage(this.steps.map((step) => step.usage));
    return {
      content: finalResponse.content,
      finish_reason: stoppedByLimit ? 'max_steps' : (finalResponse.finish_reason ?? 'stop'),
      steps: this.steps,
      usage,
      cost: usage.cost,
      messages: this.messages,
      callId: this.callId,
      tool_calls: finalResponse.tool_calls ?? [],
    };
  }
}

/** Checks the options and starts the bookkeeping of one loop. */
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
  return new LoopRun(request, tools, options, maxSteps);
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
  try {
    for (let step = 1; step <= run.maxSteps; step++) {
      const stepRequest = run.stepRequest(step);
      const response = await model.chat(stepRequest, run.callOptions());
      const stepTools = await run.runTools(step, response);
      await run.endStep(step, stepRequest, response, stepTools);
      if (stepTools.last) break;
    }
  } catch (error) {
    throw loopError(error, run.signal);
  }
  return run.result(model);
}
