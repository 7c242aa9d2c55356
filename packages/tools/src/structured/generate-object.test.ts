import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LLMError } from '@llm/core';
import { drain, invalidThenRepairedJson } from '@llm/testing';
import { simulatedModel, useSimulator } from '../__tests__/simulated-model';
import { generateObject } from './generate-object';
import { streamObject } from './stream-object';

const simulator = useSimulator();
const City = z.object({ name: z.string(), population: z.number().int() });
const city = { name: 'Lyon', population: 522_000 };
const base = {
  model: 'gpt-4o',
  messages: [{ role: 'user' as const, content: 'Lyon has 522k people.' }],
};
interface SentBody {
  messages: Record<string, unknown>[];
  tools: { function: Record<string, unknown> }[];
  response_format: unknown;
}
const sent = (index: number) => simulator.current.requests[index]!.body as SentBody;

describe('generateObject', () => {
  it('uses a forced tool call when the model takes no JSON schema, and repairs it through a tool result', async () => {
    simulator.current.script(
      ...invalidThenRepairedJson({
        invalid: { name: 'Lyon' },
        repaired: city,
        as: 'tool',
        toolName: 'city',
      }),
    );
    const model = simulatedModel(simulator.current, 'openai', { supportsJsonSchema: false });
    const result = await generateObject(model, {
      ...base,
      schema: City,
      schemaName: 'city',
      schemaDescription: 'A city',
    });
    expect(result).toMatchObject({ object: city, mode: 'tool', attempts: 2 });
    expect(sent(0).tools[0]!.function).toMatchObject({ name: 'city', description: 'A city' });
    const repair = sent(1).messages.at(-1);
    expect(repair).toMatchObject({ role: 'tool', content: expect.stringContaining('population:') });
    expect(new Set(model.calls.map((call) => call.callId))).toEqual(new Set([result.callId]));
    // Both calls' usage: the first answer's and the repair's.
    expect(result.usage.total_tokens).toBeGreaterThan(result.raw.usage.total_tokens);
  });

  it('reads JSON wrapped in a code fence, and takes a JSON Schema as the schema', async () => {
    simulator.current.script({
      reply: { text: '```json\n{"name":"Lyon","population":522000}\n```' },
    });
    const schema = {
      type: 'object',
      properties: { name: { type: 'string' }, population: { type: 'integer' } },
      required: ['name', 'population'],
    };
    const result = await generateObject<typeof city>(simulatedModel(simulator.current), {
      ...base,
      schema,
      mode: 'json_schema',
    });
    expect(result.object).toEqual(city);
    expect(sent(0).response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'result', schema },
    });
  });

  it('repairs an empty answer and rejects when the repair is invalid too', async () => {
    simulator.current.script(
      { reply: { tool_calls: [{ name: 'other', arguments: {} }] } },
      { reply: { text: '[]' } },
    );
    const error = await generateObject(simulatedModel(simulator.current), {
      ...base,
      schema: City,
      mode: 'tool',
    }).catch((caught: unknown) => caught);
    expect(LLMError.is(error) && error.code).toBe('invalid_object');
    expect(sent(1).messages.at(-1)).toMatchObject({
      role: 'user',
      content: expect.stringContaining('held no JSON'),
    });
  });

  it('refuses a bad schema name, mode and schema before any call', async () => {
    const model = simulatedModel(simulator.current);
    await expect(
      generateObject(model, { ...base, schema: City, schemaName: 'has space' }),
    ).rejects.toThrow(/schemaName/);
    await expect(
      generateObject(model, { ...base, schema: City, mode: 'xml' as never }),
    ).rejects.toThrow(/mode must be/);
    await expect(generateObject(model, { ...base, schema: 'nope' as never })).rejects.toThrow(
      /generateObject: schema/,
    );
    expect(simulator.current.requests).toHaveLength(0);
  });
});

describe('streamObject', () => {
  it('yields growing partial objects and the validated object', async () => {
    simulator.current.script({ reply: { text: JSON.stringify(city), chunk_size: 5 } });
    const { chunks } = await drain(
      streamObject(simulatedModel(simulator.current), { ...base, schema: City }),
    );
    const partials = chunks.flatMap((chunk) => (chunk.type === 'partial' ? [chunk.partial] : []));
    expect(partials).toContainEqual({ name: 'Lyon' });
    expect(chunks.at(-1)).toMatchObject({ type: 'finish', object: city, mode: 'json_schema' });
  });

  it('streams a forced tool call on Claude', async () => {
    simulator.current.script({ reply: { tool_calls: [{ name: 'result', arguments: city }] } });
    const { chunks } = await drain(
      streamObject(simulatedModel(simulator.current, 'claude'), {
        model: 'claude-sonnet-4-20250514',
        max_tokens: 100,
        messages: base.messages,
        schema: City,
        mode: 'tool',
      }),
    );
    expect(chunks.at(-1)).toMatchObject({ type: 'finish', object: city, mode: 'tool' });
  });
});
