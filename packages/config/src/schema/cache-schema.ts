import * as z from '@llm/core/zod';

/** `[llm.cache]`: the response cache (off by default). */
export const CacheSettingsSchema = z.strictObject({
  enabled: z.boolean().optional(),
  /** How long an answer is kept, in ms (default one hour). */
  ttl: z.number().int().positive().optional(),
  /** The memory store keeps at most this many answers (least recently used go first; default 1000). */
  max_entries: z.number().int().positive().optional(),
  /** …and at most this many bytes of them (default 64 MiB). */
  max_bytes: z.number().int().positive().optional(),
  /** Which calls are cached (default both). */
  operations: z.array(z.enum(['chat', 'embedding'])).optional(),
  /**
   * Also cache chat calls whose `temperature` is absent or above 0, whose answers vary from call to
   * call (default false; `options.cache = true` does it for one call).
   */
  include_nondeterministic: z.boolean().optional(),
});
export type CacheSettings = z.infer<typeof CacheSettingsSchema>;
