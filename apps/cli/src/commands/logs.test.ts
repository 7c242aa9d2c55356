import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCliFixture, type CliFixture } from '../__tests__/cli-fixture';

let fixture: CliFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const CALL_LOG =
  'default_provider = "openai"\nusage_data_dir = "./usage"\n\n[llm.logging]\nlog_content = true';

describe('llm logs', () => {
  it('says so in one friendly line when the ledger is empty, exit 0', async () => {
    fixture = await startCliFixture();
    const result = await fixture.run('logs');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe('No calls recorded yet: llm chat "Hello" makes one.\n');
    expect(JSON.parse((await fixture.run('logs', '--json')).stdout)).toEqual([]);
  });

  it('lists the newest calls first with model, tokens, cost, latency and call id, within 80 columns', async () => {
    fixture = await startCliFixture();
    fixture.simulator.script({
      reply: { text: 'first', usage: { prompt_tokens: 11, completion_tokens: 3 } },
    });
    fixture.simulator.script({
      reply: { text: 'second', usage: { prompt_tokens: 12, completion_tokens: 4 } },
    });
    expect((await fixture.run('chat', 'one', '--no-stream')).code).toBe(0);
    expect((await fixture.run('chat', 'two', '--no-stream')).code).toBe(0);
    const result = await fixture.run('logs', '-n', '1');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} {2}openai\/gpt-4o-mini\s+\d+ ms {2}ok$/,
    );
    expect(lines[1]).toMatch(/^ {2}12 \+ 4 tokens {2}0\.000004 USD {2}call \S+$/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    // Without the call log, no prompt or answer is shown.
    expect(result.stdout).not.toContain('two');
  });

  it('shows the prompt and the answer when the call log is on, and prints them with --json', async () => {
    fixture = await startCliFixture();
    await fixture.writeConfig({ llm: CALL_LOG });
    fixture.simulator.script({ reply: { text: `an answer ${'long '.repeat(30)}` } });
    expect((await fixture.run('chat', 'what is the question?', '--no-stream')).code).toBe(0);
    const result = await fixture.run('logs');
    expect(result.stdout).toContain('  > what is the question?');
    expect(result.stdout).toMatch(/^ {2}< an answer long long .*…$/m);
    for (const line of result.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    const [record] = JSON.parse((await fixture.run('logs', '--json')).stdout) as Record<
      string,
      unknown
    >[];
    expect(record).toMatchObject({
      model_name: 'gpt-4o-mini',
      provider_name: 'openai',
      success: true,
      answer: expect.stringContaining('an answer'),
      messages: [{ role: 'user', content: 'what is the question?' }],
    });
    expect(record!['call_id']).toEqual(expect.any(String));
  });

  it('keeps to one conversation with --conversation', async () => {
    fixture = await startCliFixture();
    expect((await fixture.run('chat', 'a', '--conversation', 'alpha')).code).toBe(0);
    expect((await fixture.run('chat', 'b', '--conversation', 'beta')).code).toBe(0);
    expect((await fixture.run('chat', 'c', '-c')).code).toBe(0);
    const records = JSON.parse(
      (await fixture.run('logs', '--conversation', 'beta', '--json')).stdout,
    ) as { tags: Record<string, string> }[];
    expect(records).toHaveLength(2);
    expect(records.every((record) => record.tags['conversation'] === 'beta')).toBe(true);
    expect((await fixture.run('logs', '--conversation', 'gamma')).stdout).toBe(
      'No calls recorded for conversation gamma.\n',
    );
  });

  it('shows a failed call with its error type, and refuses a bad -n', async () => {
    fixture = await startCliFixture();
    await fixture.writeConfig({ llm: CALL_LOG });
    fixture.simulator.script({ error: { status: 400, message: 'bad request' } });
    expect((await fixture.run('chat', 'boom', '--no-stream')).code).toBe(1);
    const result = await fixture.run('logs', '--since', '1d');
    expect(result.stdout).toMatch(/invalid_request$/m);
    expect(result.stdout).toContain('  ! ');
    const bad = await fixture.run('logs', '-n', 'zero');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('-n/--count takes a whole number of 1 or more (got "zero")');
  });

  it('names the parts of a logged prompt that are not text', async () => {
    fixture = await startCliFixture();
    await fixture.writeConfig({ llm: CALL_LOG });
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    await writeFile(path.join(fixture.directory, 'dot.png'), png);
    expect((await fixture.run('chat', 'what is this?', '-a', 'dot.png')).code).toBe(0);
    const result = await fixture.run('logs');
    expect(result.stdout).toContain('  > what is this? [image_url]');
  });
});
