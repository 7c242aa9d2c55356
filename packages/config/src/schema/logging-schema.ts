import * as z from '@llm/core/zod';

/**
 * `[llm.logging]`: how much the manager logs, and the opt-in call log. `LLM_LOG_LEVEL` overrides
 * `level`; `LLM_DEBUG=1` turns on debug mode.
 */
export const LoggingSettingsSchema = z.strictObject({
  /** The default logger's level (default `warn`). */
  level: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).optional(),
  /**
   * Store each call's messages and answer (secrets scanned out, cut to `max_content_bytes`) next to
   * its usage record, keyed by its call id, with the ledger's retention (default false).
   */
  log_content: z.boolean().optional(),
  /** The most bytes of content a call-log entry or a debug line keeps per field (default 8192). */
  max_content_bytes: z.number().int().positive().optional(),
});
export type LoggingSettings = z.infer<typeof LoggingSettingsSchema>;
