import type { LLMProviderConfig } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { chatBody, deltaChunk, transformContext } from '../__tests__/transform-context';
import type { ChatTransform } from './chat-transform';
import { composeTransforms } from './compose-transforms';

const config: LLMProviderConfig = {
  name: 'local',
  type: 'generic',
  models: [],
  enabled: true,
  timeout: 30_000,
  options: { tag: 'from-config' },
};
const appending = (suffix: string): ChatTransform => ({
  name: 'tag',
  request: (body, context) => ({
    ...body,
    trail: `${String(body['trail'] ?? '')}${suffix}:${String(context.settings)};`,
  }),
});

describe('composeTransforms', () => {
  it('runs the request hooks in order, each with its settings', () => {
    const hooks = composeTransforms(
      [
        { name: 'tag', transform: appending('a') },
        { name: undefined, transform: appending('b') },
      ],
      { config, preset: undefined },
    );
    expect(hooks.transformRequest!(chatBody(), transformContext())).toMatchObject({
      trail: 'a:from-config;b:undefined;',
    });
  });

  it('stops at the first transform that drops a chunk', () => {
    const seen: string[] = [];
    const hooks = composeTransforms(
      [
        { name: 'drop', transform: { streamChunk: () => undefined } },
        { name: 'after', transform: { streamChunk: (chunk) => (seen.push('after'), chunk) } },
      ],
      { config, preset: undefined },
    );
    expect(
      hooks.transformStreamChunk!(deltaChunk({ content: 'x' }), transformContext()),
    ).toBeUndefined();
    expect(seen).toEqual([]);
  });

  it('gives a transform the same state for every chunk of one call and fresh state for the next', () => {
    const counter: ChatTransform = {
      streamChunk: (chunk, context) => {
        const count = ((context.state.get('count') as number | undefined) ?? 0) + 1;
        context.state.set('count', count);
        return { ...chunk, id: String(count) };
      },
    };
    const hooks = composeTransforms([{ name: 'counter', transform: counter }], {
      config,
      preset: undefined,
    });
    const call = transformContext({ stream: true });
    hooks.transformStreamChunk!(deltaChunk({}), call);
    expect(hooks.transformStreamChunk!(deltaChunk({}), call)?.id).toBe('2');
    expect(hooks.transformStreamChunk!(deltaChunk({}), transformContext())?.id).toBe('1');
  });

  it('sets only the hooks some transform has', () => {
    const hooks = composeTransforms([{ name: 'tag', transform: appending('a') }], {
      config,
      preset: undefined,
    });
    expect(Object.keys(hooks)).toEqual(['transformRequest']);
    expect(composeTransforms([], { config, preset: undefined })).toEqual({});
  });
});
