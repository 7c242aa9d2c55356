import type {
  FinishReason,
  LLMMessage,
  LLMRequest,
  LLMResponse,
  LLMStreamChunk,
  LLMToolCall,
  LLMToolChoice,
  TokenUsage,
} from '@llm/core';
import type { ToolResult } from '../tools/execute-tool-calls';

/** Why a loop ended: the last answer's reason, or `max_steps` when the step limit stopped it. */
export type ToolLoopFinishReason = FinishReason | 'max_steps';

export const DEFAULT_MAX_STEPS = 10;

export interface ToolLoopOptions {
  /** Model calls at most (default 10); a loop still asking for tools then ends with `max_steps`. */
  readonly maxSteps?: number;
  /** Tool calls of one step run at once at most (default: all of them). */
  readonly maxParallel?: number;
  /** Aborts the model call in flight and the running tools; the loop rejects with an `aborted` LLMError. */
  readonly signal?: AbortSignal;
  /** The loop's id, shared by every step's usage record (`call_id`) and handed to `execute`; generated when absent. */
  readonly callId?: string;
  /** Labels recorded with every step's usage. */
  readonly tags?: Readonly<Record<string, string>>;
  /** `tool_choice` of every step, or per step (1-based); the request's own when absent. */
  readonly toolChoice?: LLMToolChoice | ((step: number) => LLMToolChoice | undefined);
  /** Called after each step, before the next call. */
  readonly onStep?: (step: ToolLoopStep) => void | Promise<void>;
}

/** One model call of a loop and the tool calls it led to. */
export interface ToolLoopStep {
  /** 1-based. */
  readonly step: number;
  /** The request as sent for this step. */
  readonly request: LLMRequest;
  readonly response: LLMResponse;
  readonly tool_calls: readonly LLMToolCall[];
  /** One per tool call, in the same order (empty when the calls were not run: see `ToolLoopResult.tool_calls`). */
  readonly tool_results: readonly ToolResult[];
  /** The step's usage as priced and recorded. */
  readonly usage: TokenUsage;
}

export interface ToolLoopResult {
  /** The last answer's text. */
  readonly content: string | undefined;
  readonly finish_reason: ToolLoopFinishReason;
  readonly steps: readonly ToolLoopStep[];
  /** Every step's usage summed exactly. */
  readonly usage: TokenUsage;
  /** The summed cost in the display currency; undefined when a step had no price. */
  readonly cost: number | undefined;
  /** The conversation after the loop: the request's messages, each answer and each tool result. */
  readonly messages: readonly LLMMessage[];
  /** The loop's id (the ledger's `call_id`). */
  readonly callId: string;
  /**
   * The last answer's tool calls: empty when the model answered; else the calls not run, because
   * the step limit stopped the loop (`max_steps`) or they name tools without `execute`, which the
   * caller runs (`tool_calls`).
   */
  readonly tool_calls: readonly LLMToolCall[];
}

/** A tool call's result, sent after the step that asked for it, before the next step's chunks. */
export interface ToolResultChunk {
  readonly type: 'tool-result';
  readonly step: number;
  readonly result: ToolResult;
}

/** A step's model call has finished (its own `finish` chunk, with the step's usage). */
export interface StepFinishChunk {
  readonly type: 'step-finish';
  readonly step: number;
  readonly finish_reason: FinishReason;
  readonly usage: TokenUsage;
  readonly tool_calls: readonly LLMToolCall[];
}

/** The last chunk of a streamed loop: how it ended, every step, the exact sums. */
export interface ToolLoopFinishChunk extends Omit<ToolLoopResult, 'content'> {
  readonly type: 'finish';
  readonly content: string | undefined;
}

/** What `streamToolLoop` yields: the model's chunks (but its per-step `finish`), tool results, step ends, one final `finish`. */
export type ToolStreamChunk =
  | Exclude<LLMStreamChunk, { type: 'finish' }>
  | ToolResultChunk
  | StepFinishChunk
  | ToolLoopFinishChunk;
