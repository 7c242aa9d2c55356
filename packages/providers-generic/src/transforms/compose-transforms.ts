import { silentLogger, type Logger, type LLMProviderConfig } from '@llm/core';
import type { ChatTransformContext, OpenAICompatibleProviderOptions } from '@llm/providers-openai';
import { configError } from '../generic-config';
import type { GenericPreset } from '../presets';
import type { ChatTransform, TransformContext } from './chat-transform';
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

type TransformHooks = Pick<
  OpenAICompatibleProviderOptions,
  'transformRequest' | 'transformResponse' | 'transformStreamChunk'
>;

export interface ComposeTransformsOptions {
  config: LLMProviderConfig;
  preset: GenericPreset | undefined;
  logger?: Logger;
}

/**
 * The base provider's three hooks, each running the transforms in order. Every transform gets its
 * own context per call: its settings (`options.<name>`), the preset, and state that lasts for the
 * call (one stream's chunks share it).
 */
export function composeTransforms(
  transforms: readonly ResolvedTransform[],
  options: ComposeTransformsOptions,
): TransformHooks {
  if (transforms.length === 0) return {};
  const contexts = new WeakMap<ChatTransformContext, TransformContext[]>();
  const contextsFor = (call: ChatTransformContext): TransformContext[] => {
    let found = contexts.get(call);
    if (!found) {
      found = transforms.map(({ name }) => ({
        ...call,
        settings: name === undefined ? undefined : options.config.options?.[name],
        preset: options.preset,
        logger: options.logger ?? silentLogger,
        state: new Map<string, unknown>(),
      }));
      contexts.set(call, found);
    }
    return found;
  };
  const has = (hook: 'request' | 'response' | 'streamChunk') =>
    transforms.some(({ transform }) => transform[hook] !== undefined);
  return {
    ...(has('request') && {
      transformRequest: (body, call) =>
        transforms.reduce(
          (current, { transform }, index) =>
            transform.request ? transform.request(current, contextsFor(call)[index]!) : current,
          body,
        ),
    }),
    ...(has('response') && {
      transformResponse: (body, call) =>
        transforms.reduce(
          (current, { transform }, index) =>
            transform.response ? transform.response(current, contextsFor(call)[index]!) : current,
          body,
        ),
    }),
    ...(has('streamChunk') && {
      transformStreamChunk: (chunk, call) => {
        let current: typeof chunk | undefined = chunk;
        for (const [index, { transform }] of transforms.entries()) {
          if (current === undefined) return undefined;
          if (transform.streamChunk)
            current = transform.streamChunk(current, contextsFor(call)[index]!);
        }
        return current;
      },
    }),
  };
}
