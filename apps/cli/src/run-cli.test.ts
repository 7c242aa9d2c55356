import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCliFixture, type CliFixture } from './__tests__/cli-fixture';

let fixture: CliFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('llm chat and usage', () => {
  it('prints JSON with content, tokens and cost, and the call then shows in the usage summary', async () => {
    fixture = await startCliFixture();
    fixture.simulator.script({
      reply: { text: 'Hello back', usage: { prompt_tokens: 100, completion_tokens: 50 } },
    });
    const chat = await fixture.run('chat', 'hello', '--json', '--config', fixture.configFile);
    expect(chat.code).toBe(0);
    const answer = JSON.parse(chat.stdout) as {
      content: string;
      usage: { prompt_tokens: number; completion_tokens: number; cost: number };
    };
    expect(answer.content).toBe('Hello back');
    expect(answer.usage).toMatchObject({ prompt_tokens: 100, completion_tokens: 50 });
    expect(answer.usage.cost).toBeCloseTo((100 * 0.15 + 50 * 0.6) / 1e6, 15);

    const summary = await fixture.run('usage', 'summary', '--json', '--config', fixture.configFile);
    expect(summary.code).toBe(0);
    expect(JSON.parse(summary.stdout)).toEqual([
      expect.objectContaining({
        provider_name: 'openai',
        model_name: 'gpt-4o-mini',
        total_requests: 1,
        total_prompt_tokens: 100,
      }),
    ]);
  });

  it('streams the answer to stdout and the usage line to stderr', async () => {
    fixture = await startCliFixture();
    fixture.simulator.script({ reply: { text: 'streamed words', chunk_size: 3 } });
    const result = await fixture.run('chat', 'hi', '--stream', '--config', fixture.configFile);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('streamed words\n');
    expect(result.stderr).toMatch(
      /\[gpt-4o-mini\] \d+ prompt \+ \d+ completion tokens, cost 0\.\d+ USD/,
    );
  });

  it('finds the config through $LLM_CONFIG-less ./llm.toml in the working directory', async () => {
    fixture = await startCliFixture();
    const result = await fixture.run('chat', 'hi');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('hi\n');
  });

  it('reports a failed call on stderr with its type and a non-zero exit, without a stack trace', async () => {
    fixture = await startCliFixture();
    fixture.simulator.script({ error: { status: 401, message: 'Incorrect API key provided' } });
    const result = await fixture.run('chat', 'hi', '--config', fixture.configFile);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: .*Incorrect API key provided.*type auth, provider openai, status 401/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr).not.toContain('sk-cli-secret-987654');
  });

  it('summarises by day and as CSV', async () => {
    fixture = await startCliFixture();
    await fixture.run('chat', 'one', '--config', fixture.configFile);
    const byDay = await fixture.run(
      'usage',
      'summary',
      '--by',
      'day',
      '--since',
      '7d',
      '--config',
      fixture.configFile,
    );
    expect(byDay.stdout).toMatch(new RegExp(new Date().toISOString().slice(0, 10)));
    const csv = await fixture.run('usage', 'summary', '--csv', '--config', fixture.configFile);
    expect(csv.stdout.split('\r\n')[0]).toBe(
      'group,provider,model,requests,ok,failed,prompt,completion,total,cost,currency',
    );
  });

  it('exports every record to a CSV file and cleans up old ones', async () => {
    fixture = await startCliFixture();
    await fixture.run('chat', 'one', '--config', fixture.configFile);
    await fixture.run('chat', 'two', '--config', fixture.configFile);
    const exported = await fixture.run(
      'usage',
      'export',
      '--format',
      'csv',
      '--out',
      'usage.csv',
      '--config',
      fixture.configFile,
    );
    expect(exported.code).toBe(0);
    const csv = await readFile(path.join(fixture.directory, 'usage.csv'), 'utf8');
    expect(csv.trim().split(/\r?\n/)).toHaveLength(3);
    const cleanup = await fixture.run(
      'usage',
      'cleanup',
      '--older-than',
      '90d',
      '--config',
      fixture.configFile,
    );
    expect(cleanup).toMatchObject({
      code: 0,
      stdout: 'Removed 0 record(s) older than 90 day(s).\n',
    });
  });

  it('rejects a bad option value with the usage line and exit code 2', async () => {
    fixture = await startCliFixture();
    const result = await fixture.run(
      'usage',
      'summary',
      '--by',
      'weekday',
      '--config',
      fixture.configFile,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--by takes model, provider, day, hour or tag:<key>');
    expect(result.stderr).toContain('usage: llm usage summary');
  });
});

describe('llm config', () => {
  it('reports a TOML syntax error with file, line and column', async () => {
    fixture = await startCliFixture();
    await writeFile(
      fixture.configFile,
      '[llm]\ndefault_provider = "openai"\n[llm.providers.openai\ntype = "openai"\n',
    );
    const result = await fixture.run('config', 'validate', '--config', fixture.configFile);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/llm\.toml:3:\d+/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports a wrong type at its dotted path', async () => {
    fixture = await startCliFixture();
    const text = (await readFile(fixture.configFile, 'utf8')).replace(
      'type = "openai"\n',
      'type = "openai"\ntimeout = "thirty"\n',
    );
    await writeFile(fixture.configFile, text);
    const result = await fixture.run('config', 'validate', '--config', fixture.configFile);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/llm\.toml:\d+:\d+\s+llm\.providers\.openai\.timeout/);
  });

  it('rejects an unknown generic preset with did-you-mean and a base URL without http(s)', async () => {
    fixture = await startCliFixture();
    const text = `${await readFile(fixture.configFile, 'utf8')}
[llm.providers.deepseek]
type = "generic"
preset = "deepsek"
api_key = "sk-x"

[llm.providers.local]
type = "generic"
base_url = "localhost:8080/v1"
`;
    await writeFile(fixture.configFile, text);
    const result = await fixture.run('config', 'validate', '--config', fixture.configFile);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /llm\.toml:\d+:\d+\s+llm\.providers\.deepseek\.preset\s+unknown preset "deepsek" \(known: .*\) \(did you mean "deepseek"\?\)/,
    );
    expect(result.stderr).toMatch(
      /llm\.toml:\d+:\d+\s+llm\.providers\.local\.base_url\s+must start with http:\/\/ or https:\/\//,
    );
  });

  it('accepts a valid file', async () => {
    fixture = await startCliFixture();
    const result = await fixture.run('config', 'validate', '--config', fixture.configFile);
    expect(result).toMatchObject({
      code: 0,
      stdout: `${fixture.configFile} is valid (1 provider(s)).\n`,
    });
  });

  it('shows the merged config without any secret from the file or the environment', async () => {
    fixture = await startCliFixture();
    const result = await fixture.run('config', 'show', '--json', '--config', fixture.configFile);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"api_key"');
    expect(result.stdout).not.toContain('sk-cli-secret-987654');
  });
});

describe('llm prices, help and mistakes', () => {
  it('shows catalog prices and their source', async () => {
    fixture = await startCliFixture();
    const result = await fixture.run('prices', 'gpt-4o', '--config', fixture.configFile);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^gpt-4o: prices per 1M tokens, from catalog/);
    expect(result.stdout).toMatch(/input\s+2\.5 USD/);
  });

  it('shows config prices when the model has a pricing table', async () => {
    fixture = await startCliFixture();
    const result = await fixture.run('prices', 'gpt-4o-mini', '--config', fixture.configFile);
    expect(result.stdout).toMatch(/from config/);
    expect(result.stdout).toMatch(/output\s+0\.6 USD/);
  });

  it('refuses an extra argument to llm prices instead of ignoring it', async () => {
    fixture = await startCliFixture();
    const result = await fixture.run('prices', 'gpt-4o', 'gpt-4o-mini');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: llm prices takes 1 argument; unexpected "gpt-4o-mini"\n/,
    );
    expect(result.stdout).toBe('');
  });

  it('says so when no price is known', async () => {
    fixture = await startCliFixture();
    const result = await fixture.run('prices', 'no-such-model-xyz', '--config', fixture.configFile);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/No price known for "no-such-model-xyz"/);
  });

  it('lists the commands with --help and refuses unknown ones with exit code 2', async () => {
    fixture = await startCliFixture();
    const help = await fixture.run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/usage summary/);
    const unknown = await fixture.run('fly');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "fly"/);
    const chatHelp = await fixture.run('chat', '--help');
    expect(chatHelp.stdout).toMatch(/^usage: llm chat/);
  });
});
