import type { ChatTransform } from '../chat-transform';
import { liftChoiceUsage } from './lift-choice-usage';
import { liftXGroqUsage } from './lift-x-groq-usage';
import { renameParams } from './rename-params';
import { stripUnsupportedParams } from './strip-unsupported-params';
import { systemPromptPrefix } from './system-prompt-prefix';
import { thinkTagsToReasoning } from './think-tags-to-reasoning';

/** The transforms every registry starts with, by the name configs use. */
export const BUILT_IN_TRANSFORMS: Readonly<Record<string, ChatTransform>> = Object.freeze({
  'strip-unsupported-params': stripUnsupportedParams,
  'rename-params': renameParams,
  'system-prompt-prefix': systemPromptPrefix,
  'think-tags-to-reasoning': thinkTagsToReasoning,
  'lift-choice-usage': liftChoiceUsage,
  'lift-x-groq-usage': liftXGroqUsage,
});
