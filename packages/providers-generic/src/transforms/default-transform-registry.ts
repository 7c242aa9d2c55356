import type { ChatTransform } from './chat-transform';
import { BUILT_IN_TRANSFORMS } from './built-in/built-in-transforms';
import { TransformRegistry, type RegisterTransformOptions } from './transform-registry';

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
