import { configError } from '../config/config-error';
import type { ChatTransform } from './chat-transform';
import type { TransformRegistry } from './transform-registry';

/** A transform ready to run, with the name its settings are looked up by. */
export interface ResolvedTransform {
  readonly name: string | undefined;
  readonly transform: ChatTransform;
}

export interface ResolveTransformsOptions {
  providerName: string;
  registry: TransformRegistry;
}

/**
 * Names and transform objects, in order, as transforms to run. A name the registry does not know
 * is an error naming the provider and every known transform; a name listed twice (say by the
 * preset and the config) runs once, at its first place.
 */
export function resolveTransforms(
  entries: ReadonlyArray<string | ChatTransform>,
  options: ResolveTransformsOptions,
): ResolvedTransform[] {
  const resolved: ResolvedTransform[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const name = typeof entry === 'string' ? entry : entry.name;
    if (name !== undefined && seen.has(name)) continue;
    const transform = typeof entry === 'string' ? options.registry.get(entry) : entry;
    if (!transform) {
      throw configError(
        options.providerName,
        `unknown transform "${entry as string}" (known transforms: ${options.registry.names().join(', ')}); ` +
          'register it with registerTransform() before the provider is created',
      );
    }
    if (name !== undefined) seen.add(name);
    resolved.push({ name, transform });
  }
  return resolved;
}
