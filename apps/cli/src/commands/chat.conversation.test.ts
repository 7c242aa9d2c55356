import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCliFixture, type CliFixture } from '../__tests__/cli-fixture';

let fixture: CliFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

type Body = { messages: { role: string; content: unknown }[] };

describe('llm chat conversations', () => {
  it('continues the last conversation with -c, sending the earlier turns', async () => {
    fixture = await startCliFixture();
    expect((await fixture.run('chat', 'first question')).code).toBe(0);
    const next = await fixture.run('chat', '-c', 'and then?');
    expect(next.code).toBe(0);
    const body = fixture.simulator.requests[1]!.body as Body;
    expect(body.messages.map((message) => [message.role, message.content])).toEqual([
      ['user', 'first question'],
      ['assistant', 'first question'],
      ['user', 'and then?'],
    ]);
    const files = await readdir(path.join(fixture.directory, 'history'));
    expect(files).toHaveLength(1);
  });

  it('keeps a named conversation apart with --conversation <id> and shows its id in --json', async () => {
    fixture = await startCliFixture();
    const first = await fixture.run('chat', '--conversation', 'work', '--json', 'one');
    expect(JSON.parse(first.stdout)).toMatchObject({ content: 'one', conversation_id: 'work' });
    await fixture.run('chat', 'unrelated');
    await fixture.run('chat', '--conversation', 'work', 'two');
    const body = fixture.simulator.requests[2]!.body as Body;
    expect(body.messages.map((message) => message.content)).toEqual(['one', 'one', 'two']);
    const stored = JSON.parse(
      await readFile(path.join(fixture.directory, 'history', 'work.json'), 'utf8'),
    ) as { usage: unknown[]; model: string };
    expect(stored.usage).toHaveLength(2);
    expect(stored.model).toBe('gpt-4o-mini');
  });

  it('says there is nothing to continue, and refuses an id that is not a file name', async () => {
    fixture = await startCliFixture();
    const nothing = await fixture.run('chat', '-c', 'hi');
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/^error: No conversation to continue in /);
    const bad = await fixture.run('chat', '--conversation', '../etc', 'hi');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--conversation takes an id of lowercase letters/);
    expect(fixture.simulator.requests).toHaveLength(0);
  });
});
