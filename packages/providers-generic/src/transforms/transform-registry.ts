import { LLMError, LLMErrorType } from '@llm/core';
import { liftChoiceUsage, liftXGroqUsage } from './built-in/lift-stream-usage';
import { renameParams } from './built-in/rename-params';
import { stripUnsupportedParams } from './built-in/strip-unsupported-params';
import { systemPromptPrefix } from './built-in/system-prompt-prefix';
import { thinkTagsToReasoning } from './built-in/think-tags-to-reasoning';
import type { ChatTransform } from './chat-transform';

/** A registration the registry refuses: a programming error, so never retryable. */
const registrationError = (message: string) =>
  new LLMError({ type: LLMErrorType.INVALID_REQUEST, message, retryable: false });

export interface RegisterTransformOptions {
  /** Replace a transform already registered under the name (default: throw). */
  override?: boolean;
}

/** Named transforms that configs can list (`transforms = ["…"]`). */
export class TransformRegistry {
  readonly #transforms = new Map<string, ChatTransform>();

  constructor(initial: Iterable<readonly [string, ChatTransform]> = []) {
    for (const [name, transform] of initial) this.register(name, transform);
  }

  register(name: string, transform: ChatTransform, options: RegisterTransformOptions = {}): void {
    if (name.trim() === '') throw registrationError('A transform needs a non-empty name');
    const existing = this.#transforms.get(name);
    if (existing && existing !== transform && !options.override) {
      throw registrationError(
        `Transform "${name}" is already registered; pass { override: true } to replace it.`,
      );
    }
    this.#transforms.set(name, transform);
  }

  unregister(name: string): boolean {
    return this.#transforms.delete(name);
  }

  get(name: string): ChatTransform | undefined {
    return this.#transforms.get(name);
  }

  /** Every registered name, sorted. */
  names(): string[] {
    return [...this.#transforms.keys()].sort();
  }
}

/** The transforms every registry starts with, by the name configs use. */
export const BUILT_IN_TRANSFORMS: Readonly<Record<string, ChatTransform>> = Object.freeze({
  'strip-unsupported-params': stripUnsupportedParams,
  'rename-params': renameParams,
  'system-prompt-prefix': systemPromptPrefix,
  'think-tags-to-reasoning': thinkTagsToReasoning,
  'lift-choice-usage': liftChoiceUsage,
  'lift-x-groq-usage': liftXGroqUsage,
});

const GLOBAL_KEY = Symbol.for('@llm/providers-generic/transform-registry');

/**
 * The process-wide registry that configs name transforms from, holding the built-ins. Kept on
 * globalThis so that two copies of this package (an ESM and a CJS load) share one.
 */
export function defaultTransformRegistry(): TransformRegistry {
  const holder = globalThis as unknown as Record<symbol, TransformRegistry | undefined>;
  return (holder[GLOBAL_KEY] ??= new TransformRegistry(Object.entries(BUILT_IN_TRANSFORMS)));
}

/** Makes a transform available by name to every generic provider built afterwards. */
export function registerTransform(
  name: string,
  transform: ChatTransform,
  options?: RegisterTransformOptions,
): void {
  defaultTransformRegistry().register(name, transform, options);
}

export function unregisterTransform(name: string): boolean {
  return defaultTransformRegistry().unregister(name);
}

export function getTransform(name: string): ChatTransform | undefined {
  return defaultTransformRegistry().get(name);
}

/** The names configs can list, built-ins included, sorted. */
export function transformNames(): string[] {
  return defaultTransformRegistry().names();
}
