import { afterEach, describe, expect, it } from 'vitest';
import { BUILT_IN_TRANSFORMS } from './transform-registry';
import {
  defaultTransformRegistry,
  getTransform,
  registerTransform,
  transformNames,
  unregisterTransform,
} from './transform-registry';

afterEach(() => {
  unregisterTransform('add-tenant');
});

describe('the default transform registry', () => {
  it('starts with every built-in', () => {
    expect(transformNames()).toEqual(Object.keys(BUILT_IN_TRANSFORMS).sort());
  });

  it('makes a registered transform available by name', () => {
    const transform = { request: <T>(body: T) => body };
    registerTransform('add-tenant', transform);
    expect(getTransform('add-tenant')).toBe(transform);
    expect(transformNames()).toContain('add-tenant');
  });

  it('is one registry per process, shared through globalThis', () => {
    const key = Symbol.for('@llm/providers-generic/transform-registry');
    expect((globalThis as unknown as Record<symbol, unknown>)[key]).toBe(
      defaultTransformRegistry(),
    );
  });

  it('will not let a built-in be replaced by accident', () => {
    expect(() => registerTransform('rename-params', {})).toThrow(/already registered/);
  });
});
