import * as z from './zod-subset';
import { LLMContentSchema } from './content';
import { LLMThinkingBlockSchema } from './thinking-block';
import { LLMToolCallSchema } from './tool';

export const LLMRoleSchema = z.enum(['system', 'user', 'assistant', 'tool']);
export type LLMRole = z.output<typeof LLMRoleSchema>;

/** One conversation turn (LLMMessage of the public API). */
export const LLMMessageSchema = z.object({
  role: LLMRoleSchema,
  content: z.union([z.string(), z.array(LLMContentSchema)]).nullable(),
  /** Optional participant name (OpenAI `name`). */
  name: z.string().optional(),
  /** Tool calls an assistant turn made. */
  tool_calls: z.array(LLMToolCallSchema).optional(),
  /** On a `tool` message: the id of the call this result answers. */
  tool_call_id: z.string().optional(),
  /**
   * Anthropic extended thinking of an assistant turn, passed back unchanged in later requests;
   * other providers ignore it.
   */
  thinking_blocks: z.array(LLMThinkingBlockSchema).optional(),
});
export type LLMMessage = z.output<typeof LLMMessageSchema>;
