import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCliFixture, type CliFixture } from '../__tests__/cli-fixture';

let fixture: CliFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const PERSON = {
  type: 'object',
  properties: { name: { type: 'string' }, age: { type: 'integer' } },
  required: ['name', 'age'],
  additionalProperties: false,
};

async function schemaFile(content: string | object, name = 'person.json'): Promise<string> {
  await writeFile(
    path.join(fixture!.directory, name),
    typeof content === 'string' ? content : JSON.stringify(content, null, 2),
  );
  return name;
}

describe('llm chat --schema <file.json>', () => {
  it('asks for a JSON-schema answer and prints the object as JSON (--no-stream)', async () => {
    fixture = await startCliFixture();
    const file = await schemaFile(PERSON);
    fixture.simulator.script({ reply: { text: '{"name":"Ada","age":36}' } });
    const result = await fixture.run(
      'chat',
      'Who wrote the first program?',
      '--schema',
      file,
      '--no-stream',
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ name: 'Ada', age: 36 });
    expect(fixture.simulator.requests[0]?.body).toMatchObject({
      response_format: { type: 'json_schema', json_schema: { name: 'result', schema: PERSON } },
    });
    expect(result.stderr).toMatch(/gpt-4o-mini/);
  });

  it('repairs a first answer that does not match, then prints the object with --json facts', async () => {
    fixture = await startCliFixture();
    const file = await schemaFile(PERSON);
    fixture.simulator.script({ reply: { text: '{"name":"Ada","age":"old"}' } });
    fixture.simulator.script({ reply: { text: '{"name":"Ada","age":36}' } });
    const result = await fixture.run('chat', 'Who?', '--schema', file, '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      object: { name: 'Ada', age: 36 },
      attempts: 2,
      mode: 'json_schema',
      conversation_id: expect.any(String),
    });
    expect(fixture.simulator.requests).toHaveLength(2);
  });

  it('exits 1 with the validation error when the answer still does not match', async () => {
    fixture = await startCliFixture();
    const file = await schemaFile(PERSON);
    fixture.simulator.script({ reply: { text: '{"name":"Ada"}' }, times: 2 });
    const result = await fixture.run('chat', 'Who?', '--schema', file, '--no-stream');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('does not match the schema after 2 attempt(s)');
    expect(result.stderr).toContain('age');
    expect(result.stdout).toBe('');
  });

  it('streams: partial objects redrawn on a terminal, then the final object', async () => {
    fixture = await startCliFixture();
    const file = await schemaFile(PERSON);
    fixture.simulator.script({ reply: { text: '{"name":"Ada Lovelace","age":36}' } });
    const result = await fixture.runWith({ stdoutIsTTY: true }, 'chat', 'Who?', '--schema', file);
    expect(result.code).toBe(0);
    expect(fixture.simulator.requests[0]?.body).toMatchObject({ stream: true });
    // Each partial is erased (cursor up, clear below) before the next and before the final object.
    expect(result.stdout).toContain('\x1b[J');
    const final = result.stdout.slice(result.stdout.lastIndexOf('\x1b[J') + 3);
    expect(JSON.parse(final)).toEqual({ name: 'Ada Lovelace', age: 36 });
  });

  it('streams to a pipe as the final object alone', async () => {
    fixture = await startCliFixture();
    const file = await schemaFile(PERSON);
    fixture.simulator.script({ reply: { text: '{"name":"Ada","age":36}' } });
    const result = await fixture.run('chat', 'Who?', '--schema', file);
    expect(result.code).toBe(0);
    expect(fixture.simulator.requests[0]?.body).toMatchObject({ stream: true });
    expect(result.stdout).not.toContain('\x1b');
    expect(JSON.parse(result.stdout)).toEqual({ name: 'Ada', age: 36 });
  });

  it('refuses a schema file that is not JSON, naming the file and the line', async () => {
    fixture = await startCliFixture();
    const file = await schemaFile('{\n  "type": "object",\n  "properties": }\n', 'broken.json');
    const result = await fixture.run('chat', 'Who?', '--schema', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--schema broken\.json:3:17: not valid JSON/);
    const comma = await schemaFile('{\n  "type": "object",\n}', 'comma.json');
    expect((await fixture.run('chat', 'Who?', '--schema', comma)).stderr).toMatch(
      /--schema comma\.json:3:1: not valid JSON/,
    );
    const cut = await schemaFile('{"type": "object"', 'cut.json');
    expect((await fixture.run('chat', 'Who?', '--schema', cut)).stderr).toContain(
      '--schema cut.json:1:18: not valid JSON',
    );
    expect(fixture.simulator.requests).toHaveLength(0);
  });

  it('refuses an invalid JSON Schema, naming the file and the JSON path', async () => {
    fixture = await startCliFixture();
    const file = await schemaFile(
      { type: 'object', properties: { age: { type: 'integr' } } },
      'typo.json',
    );
    const result = await fixture.run('chat', 'Who?', '--schema', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      '--schema typo.json: not a usable JSON Schema: $.properties.age.type',
    );
    const list = await schemaFile('[1]', 'list.json');
    expect((await fixture.run('chat', 'Who?', '--schema', list)).stderr).toContain(
      '--schema list.json: $ must be a JSON Schema object',
    );
    const missing = await fixture.run('chat', 'Who?', '--schema', 'nope.json');
    expect(missing.stderr).toContain('--schema nope.json: cannot read the file (ENOENT)');
    expect(fixture.simulator.requests).toHaveLength(0);
  });

  it('keeps the object in the conversation, so -c continues it', async () => {
    fixture = await startCliFixture();
    const file = await schemaFile(PERSON);
    fixture.simulator.script({ reply: { text: '{"name":"Ada","age":36}' } });
    expect((await fixture.run('chat', 'Who?', '--schema', file, '--no-stream')).code).toBe(0);
    expect((await fixture.run('chat', 'and then?', '-c')).code).toBe(0);
    expect(fixture.simulator.requests[1]?.body).toMatchObject({
      messages: [
        { role: 'user', content: 'Who?' },
        { role: 'assistant', content: '{"name":"Ada","age":36}' },
        { role: 'user', content: 'and then?' },
      ],
    });
  });
});
