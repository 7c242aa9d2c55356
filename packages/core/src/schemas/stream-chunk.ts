import * as z from './zod-subset';
import { LLMToolCallSchema } from './tool';
import { TokenUsageSchema } from './token-usage';
import { FinishReasonSchema, ResponseMetadataSchema } from './response';
import { LLMThinkingBlockSchema } from './thinking-block';

export const TextDeltaChunkSchema = z.object({ type: z.literal('text-delta'), delta: z.string() });

/** Reasoning text: Anthropic thinking, DeepSeek/Qwen `reasoning_content`. */
export const ReasoningDeltaChunkSchema = z.object({
  type: z.literal('reasoning-delta'),
  delta: z.string(),
});

/** A fragment of a tool call; `id` and `name` arrive on the first fragment of each index. */
export const ToolCallDeltaChunkSchema = z.object({
  type: z.literal('tool-call-delta'),
  index: z.number().int().nonnegative(),
  id: z.string().optional(),
  name: z.string().optional(),
  arguments_delta: z.string(),
});

/** A tool call whose block has ended: complete and final. */
export const ToolCallChunkSchema = z.object({
  type: z.literal('tool-call'),
  index: z.number().int().nonnegative(),
  tool_call: LLMToolCallSchema,
});

/** Always the last chunk of a successful stream. */
export const FinishChunkSchema = z.object({
  type: z.literal('finish'),
  finish_reason: FinishReasonSchema,
  usage: TokenUsageSchema,
  model: z.string().optional(),
  /** The whole stream's Anthropic thinking blocks, assembled in order (as `LLMResponse.thinking_blocks`). */
  thinking_blocks: z.array(LLMThinkingBlockSchema).optional(),
  metadata: ResponseMetadataSchema.partial().optional(),
});

/**
 * The stream failed after some of its answer reached the consumer, and the answer starts again from
 * the next deployment (`stream_recovery = "restart"`): discard what was shown so far.
 */
export const RestartChunkSchema = z.object({
  type: z.literal('restart'),
  /** The error type that ended the previous attempt. */
  reason: z.string(),
  /** The 1-based attempt the answer now comes from. */
  attempt: z.number().int().positive(),
});

export const LLMStreamChunkSchema = z.discriminatedUnion('type', [
  TextDeltaChunkSchema,
  ReasoningDeltaChunkSchema,
  ToolCallDeltaChunkSchema,
  ToolCallChunkSchema,
  FinishChunkSchema,
  RestartChunkSchema,
]);
export type LLMStreamChunk = z.output<typeof LLMStreamChunkSchema>;
export type TextDeltaChunk = z.output<typeof TextDeltaChunkSchema>;
export type ReasoningDeltaChunk = z.output<typeof ReasoningDeltaChunkSchema>;
export type ToolCallDeltaChunk = z.output<typeof ToolCallDeltaChunkSchema>;
export type ToolCallChunk = z.output<typeof ToolCallChunkSchema>;
export type FinishChunk = z.output<typeof FinishChunkSchema>;
export type RestartChunk = z.output<typeof RestartChunkSchema>;
