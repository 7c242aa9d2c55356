import * as z from './zod-subset';
import { UsageTagsSchema } from './request';
import { TokenUsageSchema } from './token-usage';
import { ResponseMetadataSchema } from './response';

export const EmbeddingRequestSchema = z.object({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(z.string()).min(1)]),
  provider: z.string().optional(),
  dimensions: z.number().int().positive().optional(),
  /** Wire encoding; results are always decoded to numbers. */
  encoding_format: z.enum(['float', 'base64']).optional(),
  tags: UsageTagsSchema.optional(),
});
export type EmbeddingRequest = z.output<typeof EmbeddingRequestSchema>;

export const EmbeddingResponseSchema = z.object({
  model: z.string(),
  /** One vector per input, in input order. */
  embeddings: z.array(z.array(z.number())),
  usage: TokenUsageSchema,
  metadata: ResponseMetadataSchema,
});
export type EmbeddingResponse = z.output<typeof EmbeddingResponseSchema>;
