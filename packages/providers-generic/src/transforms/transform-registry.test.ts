import { LLMError } from '@llm/core';
import { describe, expect, it } from 'vitest';
import type { ChatTransform } from './chat-transform';
import { TransformRegistry } from './transform-registry';

const upper: ChatTransform = { request: (body) => body };

describe('TransformRegistry', () => {
  it('registers, finds, lists and unregisters transforms by name', () => {
    const registry = new TransformRegistry();
    registry.register('upper', upper);
    expect(registry.get('upper')).toBe(upper);
    expect(registry.names()).toEqual(['upper']);
    expect(registry.unregister('upper')).toBe(true);
    expect(registry.get('upper')).toBeUndefined();
  });

  it('refuses a second transform under a taken name unless told to override', () => {
    const registry = new TransformRegistry([['upper', upper]]);
    const other: ChatTransform = { request: (body) => body };
    expect(() => registry.register('upper', other)).toThrow(
      'Transform "upper" is already registered; pass { override: true } to replace it.',
    );
    registry.register('upper', other, { override: true });
    expect(registry.get('upper')).toBe(other);
  });

  it('accepts the same transform registered twice', () => {
    const registry = new TransformRegistry([['upper', upper]]);
    expect(() => registry.register('upper', upper)).not.toThrow();
  });

  it('refuses an empty name', () => {
    expect(() => new TransformRegistry().register(' ', upper)).toThrow(/non-empty name/);
  });

  it('refuses a taken name with an invalid_request LLMError, not a plain Error', () => {
    const registry = new TransformRegistry([['upper', upper]]);
    const error = (() => {
      try {
        registry.register('upper', { request: (body) => body });
      } catch (caught) {
        return caught;
      }
    })();
    expect(LLMError.is(error)).toBe(true);
    expect(error).toMatchObject({ type: 'invalid_request', retryable: false });
  });
});
