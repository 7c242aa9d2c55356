import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LLMError } from '@llm/core';
import { ToolManager, toToolManager } from './tool-manager';

const weather = {
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: z.object({
    city: z.string().describe('City name'),
    days: z.number().int().optional(),
  }),
  execute: ({ city }: { city: string }) => `sunny in ${city}`,
};

describe('ToolManager', () => {
  it('converts a zod schema to JSON Schema once, without the $schema key', () => {
    const [tool] = new ToolManager().register(weather).toLLMTools();
    expect(tool).toEqual({
      type: 'function',
      function: {
        name: 'get_weather',
        description: 'The weather in a city',
        parameters: expect.objectContaining({
          type: 'object',
          properties: {
            city: { type: 'string', description: 'City name' },
            days: expect.objectContaining({ type: 'integer' }),
          },
          required: ['city'],
        }),
      },
    });
    expect(tool!.function.parameters).not.toHaveProperty('$schema');
  });

  it('takes a JSON Schema as given and validates arguments against it', () => {
    const schema = { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] };
    const tools = new ToolManager([{ name: 'search', parameters: schema, strict: true }]);
    expect(tools.toLLMTools()[0]!.function).toEqual({
      name: 'search',
      parameters: schema,
      strict: true,
    });
    const check = tools.get('search')!.parameters;
    expect(check.check({ q: 'x' })).toEqual({ ok: true, value: { q: 'x' } });
    expect(check.check({})).toMatchObject({
      ok: false,
      issues: [{ path: '(root)', message: expect.stringContaining('q') }],
    });
    expect(check.check({ q: 1 })).toMatchObject({ ok: false, issues: [{ path: 'q' }] });
  });

  it('gives a tool without parameters an empty object schema', () => {
    const tools = new ToolManager([{ name: 'now' }]);
    expect(tools.toLLMTools()[0]!.function.parameters).toEqual({ type: 'object', properties: {} });
  });

  it.each([
    ['a name with a space', 'get weather'],
    ['an empty name', ''],
    ['a name over 64 characters', 'x'.repeat(65)],
    ['a non-string name', 42],
  ])('refuses %s with an invalid_request LLMError', (_label, name) => {
    const error = (() => {
      try {
        new ToolManager().register({ name: name as string });
      } catch (caught) {
        return caught;
      }
    })();
    expect(LLMError.is(error) && error.type).toBe('invalid_request');
    expect((error as Error).message).toContain('1-64 letters');
  });

  it('refuses a second tool of the same name, a non-function execute and an unusable schema', () => {
    const tools = new ToolManager([weather]);
    expect(() => tools.register(weather)).toThrow(/registered already/);
    expect(() => tools.register({ name: 'x', execute: 'run' as never })).toThrow(
      /execute must be a function/,
    );
    expect(() =>
      tools.register({ name: 'y', parameters: { type: 'object', properties: 3 } }),
    ).toThrow(/The parameters of tool "y" is not a usable schema/);
    expect(() => tools.register({ name: 'z', parameters: [] as never })).toThrow(
      /zod schema or a JSON Schema/,
    );
  });

  it('lists, finds, unregisters and suggests the closest name', () => {
    const tools = new ToolManager([weather, { name: 'get_time' }]);
    expect(tools.list().map((tool) => tool.name)).toEqual(['get_weather', 'get_time']);
    expect(tools.has('get_time')).toBe(true);
    expect(tools.closestName('get_wether')).toBe('get_weather');
    expect(tools.unregister('get_time')).toBe(true);
    expect(tools.unregister('get_time')).toBe(false);
    expect(tools.list()).toHaveLength(1);
  });

  it('turns definitions into a registry and keeps a registry as it is', () => {
    const tools = new ToolManager();
    expect(toToolManager(tools)).toBe(tools);
    expect(toToolManager([weather]).has('get_weather')).toBe(true);
  });
});
