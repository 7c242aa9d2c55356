import type { Logger } from '@llm/core';
import type { ChatTransformContext, OpenAIChatBody, OpenAIWireChunk } from '@llm/providers-openai';
import type { GenericPreset } from '../presets';

/** What a transform knows about the call it changes, beyond the base provider's context. */
export interface TransformContext extends ChatTransformContext {
  /** The transform's own settings: `options.<transform-name>` of the provider's config. */
  readonly settings: unknown;
  /** The preset the provider was configured with, if any. */
  readonly preset: GenericPreset | undefined;
  readonly logger: Logger;
  /** Scratch space that lives as long as one call (one stream), private to this transform. */
  readonly state: Map<string, unknown>;
}

/**
 * A named change to the Chat Completions traffic of a generic provider: the request body before it
 * is sent, the response body before it is read, each stream chunk before it is read (return
 * undefined to drop the chunk). Every hook is optional; transforms run in the order they are listed.
 */
export interface ChatTransform {
  /** Used for settings (`options.<name>`), de-duplication and error messages. */
  readonly name?: string;
  /** What the transform is for, one line (shown in the README table and errors). */
  readonly description?: string;
  request?(body: OpenAIChatBody, context: TransformContext): OpenAIChatBody;
  response?(body: unknown, context: TransformContext): unknown;
  streamChunk?(chunk: OpenAIWireChunk, context: TransformContext): OpenAIWireChunk | undefined;
}
