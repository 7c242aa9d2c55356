import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LLMError } from '@llm/core';
import { drain, invalidThenRepairedJson } from '@llm/testing';
import { startManagerFixture, type ManagerFixture } from './__tests__/manager-fixture';
import {
  AGENT_TARGETS,
  agentToml,
  bodies,
  collectRecords,
  ledgerCostSum,
} from './__tests__/agent-targets';

let fixture: ManagerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const Person = z.object({ name: z.string(), age: z.number().int() });
const person = { name: 'Ada Lovelace', age: 36 };
/** The mode `auto` resolves to: native JSON schema on OpenAI and Claude, a forced tool call on the generic preset. */
const MODES = { openai: 'json_schema', claude: 'json_schema', deepseek: 'tool' } as const;

describe.each(AGENT_TARGETS)('generateObject on $label', (target) => {
  const mode = MODES[target.provider as keyof typeof MODES];
  const request = {
    provider: target.provider,
    model: target.model,
    max_tokens: 200,
    messages: [{ role: 'user' as const, content: 'Ada Lovelace died at 36. Extract the person.' }],
    schema: Person,
    schemaName: 'person',
  };
  const reply = (value: unknown) =>
    mode === 'tool'
      ? { tool_calls: [{ name: 'person', arguments: value as Record<string, unknown> }] }
      : { text: JSON.stringify(value) };

  it(`returns a validated object, asked for with ${mode}`, async () => {
    fixture = await startManagerFixture({ extraToml: agentToml });
    fixture.simulator.script({ reply: reply(person) });
    const result = await fixture.manager.generateObject(request);
    expect(result.object).toEqual(person);
    expect(result.mode).toBe(mode);
    expect(result.attempts).toBe(1);
    const body = bodies(fixture.simulator, target.protocol)[0]!;
    if (target.provider === 'openai') {
      expect(body.response_format).toMatchObject({
        type: 'json_schema',
        json_schema: { name: 'person' },
      });
    } else if (target.provider === 'claude') {
      expect(body.output_config).toMatchObject({ format: { type: 'json_schema' } });
    } else {
      expect(body.tool_choice).toEqual({ type: 'function', function: { name: 'person' } });
    }
  });

  it('repairs an invalid first answer once, showing the model the validation error', async () => {
    fixture = await startManagerFixture({ extraToml: agentToml });
    const records = collectRecords(fixture.manager);
    fixture.simulator.script(
      ...invalidThenRepairedJson({
        invalid: { name: 'Ada Lovelace', age: 'thirty-six' },
        repaired: person,
        as: mode === 'tool' ? 'tool' : 'text',
        toolName: 'person',
      }),
    );
    const result = await fixture.manager.generateObject(request);
    expect(result.object).toEqual(person);
    expect(result.attempts).toBe(2);
    expect(JSON.stringify(bodies(fixture.simulator, target.protocol)[1]!.messages)).toContain(
      'age:',
    );
    expect(records.map((record) => record.call_id)).toEqual([result.callId, result.callId]);
    expect(result.cost).toBe(ledgerCostSum(records));
  });
});

describe('generateObject and streamObject: failures and streams', () => {
  const request = {
    model: 'gpt-4o-mini',
    messages: [{ role: 'user' as const, content: 'Extract the person.' }],
    schema: Person,
  };

  it('rejects after the repair also fails, carrying the validation issues', async () => {
    fixture = await startManagerFixture();
    fixture.simulator.script({ reply: { text: 'not json' } }, { reply: { text: '{"name": 1}' } });
    const error = await fixture.manager.generateObject(request).catch((caught: unknown) => caught);
    expect(LLMError.is(error)).toBe(true);
    expect(error).toMatchObject({ type: 'unknown', code: 'invalid_object' });
    expect((error as LLMError).details?.['issues']).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'name' }),
        expect.objectContaining({ path: 'age' }),
      ]),
    );
  });

  it('streams partial objects as the JSON arrives, then the validated object', async () => {
    fixture = await startManagerFixture();
    fixture.simulator.script({ reply: { text: JSON.stringify(person), chunk_size: 6 } });
    const { chunks, error } = await drain(fixture.manager.streamObject(request));
    expect(error).toBeUndefined();
    const partials = chunks.filter((chunk) => chunk.type === 'partial');
    expect(partials.length).toBeGreaterThan(2);
    expect(partials[0]).toMatchObject({ partial: {} });
    expect(chunks.at(-1)).toMatchObject({ type: 'finish', object: person, mode: 'json_schema' });
  });

  it("streams a forced tool call's arguments as partial objects", async () => {
    fixture = await startManagerFixture();
    fixture.simulator.script({ reply: { tool_calls: [{ name: 'result', arguments: person }] } });
    const { chunks } = await drain(fixture.manager.streamObject({ ...request, mode: 'tool' }));
    expect(chunks.at(-1)).toMatchObject({ type: 'finish', object: person, mode: 'tool' });
  });

  it('rejects a streamed object that does not validate', async () => {
    fixture = await startManagerFixture();
    fixture.simulator.script({ reply: { text: '{"name":"Ada"}' } });
    const { error } = await drain(fixture.manager.streamObject(request));
    expect(error).toMatchObject({
      code: 'invalid_object',
      message: expect.stringContaining('age'),
    });
  });
});
