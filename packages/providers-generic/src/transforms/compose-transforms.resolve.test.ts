import { describe, expect, it } from 'vitest';
import { BUILT_IN_TRANSFORMS } from './transform-registry';
import type { ChatTransform } from './chat-transform';
import { resolveTransforms } from './compose-transforms';
import { TransformRegistry } from './transform-registry';

const registry = new TransformRegistry(Object.entries(BUILT_IN_TRANSFORMS));
const resolve = (entries: ReadonlyArray<string | ChatTransform>) =>
  resolveTransforms(entries, { providerName: 'local', registry });

describe('resolveTransforms', () => {
  it('looks names up and keeps transform objects, in order', () => {
    const inline: ChatTransform = { name: 'inline' };
    const anonymous: ChatTransform = {};
    expect(resolve(['rename-params', inline, anonymous])).toEqual([
      { name: 'rename-params', transform: BUILT_IN_TRANSFORMS['rename-params'] },
      { name: 'inline', transform: inline },
      { name: undefined, transform: anonymous },
    ]);
  });

  it('runs a name listed twice once, at its first place', () => {
    const names = resolve([
      'strip-unsupported-params',
      'rename-params',
      'strip-unsupported-params',
    ]);
    expect(names.map((entry) => entry.name)).toEqual(['strip-unsupported-params', 'rename-params']);
  });

  it('refuses an unknown name, naming the provider and the known transforms', () => {
    expect(() => resolve(['rename-params', 'shout'])).toThrow(
      `Provider "local" (type generic): unknown transform "shout" (known transforms: ${registry.names().join(', ')}); register it with registerTransform() before the provider is created`,
    );
  });
});
