// Our packages build schemas with the copy of zod bundled into @llm/core (`@llm/core/zod`); a user's
// schemas come from their own `zod` package. These tests pass the user's copy (this file imports
// `zod` like an application does) to the toolbox and check that nothing is lost between the two.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as zm from 'zod/mini';
import * as ours from '@llm/core/zod';
import { LLMMessageSchema } from '@llm/core';
import { defineTemplate } from '../templates/define-template';
import { compileSchema } from './tool-schema';

describe("a user's own zod next to the bundled copy", () => {
  it('is a different copy of zod (what the other tests rely on)', () => {
    expect(z.object).not.toBe(ours.object);
    expect(z.ZodObject).not.toBe(ours.ZodObject);
  });

  it("converts the user's schema with its descriptions and metadata, and parses with it", () => {
    const compiled = compileSchema(
      z.object({
        city: z.string().describe('City name'),
        unit: z.enum(['c', 'f']).meta({ title: 'Unit' }).default('c'),
      }),
      'tool "get_weather"',
    );
    expect(compiled.jsonSchema).toEqual({
      type: 'object',
      properties: {
        city: { type: 'string', description: 'City name' },
        unit: { type: 'string', enum: ['c', 'f'], title: 'Unit', default: 'c' },
      },
      required: ['city'],
    });
    expect(compiled.check({ city: 'Paris' })).toEqual({
      ok: true,
      value: { city: 'Paris', unit: 'c' },
    });
    expect(compiled.check({ city: 3 })).toEqual({
      ok: false,
      issues: [{ path: 'city', message: 'Invalid input: expected string, received number' }],
    });
  });

  it('converts a zod/mini schema (which has no toJSONSchema method) with the bundled copy', () => {
    const schema = zm.object({ city: zm.string().check(zm.describe('City name')) });
    expect((schema as { toJSONSchema?: unknown }).toJSONSchema).toBeUndefined();
    const compiled = compileSchema(schema as never, 'tool "get_weather"');
    expect(compiled.jsonSchema).toMatchObject({
      type: 'object',
      properties: { city: { type: 'string', description: 'City name' } },
      required: ['city'],
    });
    expect(compiled.check({})).toMatchObject({ ok: false, issues: [{ path: 'city' }] });
  });

  it("composes core's schemas into the user's and names the field of a bad message", () => {
    const conversation = z.object({ messages: z.array(LLMMessageSchema) });
    const compiled = compileSchema(conversation, 'the conversation');
    expect(compiled.check({ messages: [{ role: 'user', content: 'hi' }] }).ok).toBe(true);
    const bad = compiled.check({ messages: [{ role: 'robot', content: 'hi' }] });
    expect(bad).toMatchObject({ ok: false, issues: [{ path: 'messages.0.role' }] });
    expect(JSON.stringify(compiled.jsonSchema)).toContain('"user"');
  });

  it("takes the user's z.object as a template's variables", () => {
    const template = defineTemplate({
      name: 'greet',
      template: 'Hello {{name}}',
      variables: z.object({ name: z.string() }),
    });
    expect(template.render({ name: 'Ada' })).toBe('Hello Ada');
    expect(() => template.render({ name: 1 } as never)).toThrow(/name/);
  });
});
