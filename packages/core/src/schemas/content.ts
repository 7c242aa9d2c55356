import * as z from './zod-subset';

export const LLMTextContentSchema = z.object({
  type: z.literal('text'),
  text: z.string(),
});

export const LLMImageContentSchema = z.object({
  type: z.literal('image_url'),
  image_url: z.object({
    /** An https URL or a `data:<media type>;base64,…` URI. */
    url: z.string().min(1),
    detail: z.enum(['low', 'high', 'auto']).optional(),
  }),
});

/** One part of a multimodal message (LLMContent of the public API). */
export const LLMContentSchema = z.discriminatedUnion('type', [
  LLMTextContentSchema,
  LLMImageContentSchema,
]);
export type LLMContent = z.output<typeof LLMContentSchema>;
export type LLMTextContent = z.output<typeof LLMTextContentSchema>;
export type LLMImageContent = z.output<typeof LLMImageContentSchema>;
