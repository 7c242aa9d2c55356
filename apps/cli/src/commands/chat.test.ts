import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { claudeProviderToml, startCliFixture, type CliFixture } from '../__tests__/cli-fixture';

let fixture: CliFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const modelOf = (body: unknown) => (body as { model?: string }).model;

describe('llm chat picks its provider as the README says', () => {
  it('uses the first enabled provider and its first chat model when no default_provider is set', async () => {
    fixture = await startCliFixture();
    const { simulator } = fixture;
    // "off" is listed first but disabled, and openai comes after claude: the first enabled is claude.
    await writeFile(
      fixture.configFile,
      `[llm]
usage_data_dir = "./usage"

[llm.providers.off]
type = "openai"
enabled = false
api_key = "sk-off-123456"
base_url = "${simulator.openaiBaseURL}"

[llm.providers.off.models.gpt-4o]
${claudeProviderToml(simulator)}
[llm.providers.openai]
type = "openai"
api_key = "sk-openai-123456"
base_url = "${simulator.openaiBaseURL}"

[llm.providers.openai.models.gpt-4o-mini]
`,
    );
    const result = await fixture.run('chat', 'hi');
    expect(result).toMatchObject({ code: 0, stdout: 'hi\n' });
    expect(fixture.simulator.requests).toHaveLength(1);
    expect(fixture.simulator.requests[0]!.protocol).toBe('anthropic');
    expect(modelOf(fixture.simulator.requests[0]!.body)).toBe('claude-sonnet-4-20250514');
  });

  it('routes --model without --provider the way the manager does, to the provider listing it', async () => {
    fixture = await startCliFixture();
    await fixture.writeConfig({
      llm: 'usage_data_dir = "./usage"',
      extra: claudeProviderToml(fixture.simulator),
    });
    const result = await fixture.run('chat', 'hi', '--model', 'claude-sonnet-4-20250514');
    expect(result.code).toBe(0);
    expect(fixture.simulator.requests.map((request) => request.protocol)).toEqual(['anthropic']);
  });

  it('says an unknown --provider is not configured and names the available ones', async () => {
    fixture = await startCliFixture();
    await fixture.writeConfig({
      llm: 'usage_data_dir = "./usage"',
      extra: claudeProviderToml(fixture.simulator),
    });
    const result = await fixture.run('chat', 'hi', '--provider', 'nope');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: Provider "nope" is not configured \(available: openai, claude\)\n/,
    );
    expect(fixture.simulator.requests).toHaveLength(0);
  });
});

describe('llm chat refusals', () => {
  it('says a disabled --provider is disabled and names the available ones', async () => {
    fixture = await startCliFixture();
    await fixture.writeConfig({
      extra: claudeProviderToml(fixture.simulator).replace(
        'type = "claude"',
        'type = "claude"\nenabled = false',
      ),
    });
    const result = await fixture.run('chat', 'hi', '--provider', 'claude');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: Provider "claude" is disabled \(enabled = false\) \(available: openai\)\n/,
    );
    expect(fixture.simulator.requests).toHaveLength(0);
  });

  it('says unknown option --modle (did you mean --model?) with the usage line and exit code 2', async () => {
    fixture = await startCliFixture();
    const result = await fixture.run('chat', 'hi', '--modle', 'gpt-4o-mini');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `error: unknown option --modle (did you mean --model?)\nusage: llm chat ${(await import('./chat')).chatCommand.usage}\n`,
    );
    expect(fixture.simulator.requests).toHaveLength(0);
  });

  it('accepts a negative --max-tokens as a value and reports the validation error', async () => {
    fixture = await startCliFixture();
    const result = await fixture.run('chat', 'hi', '--max-tokens', '-5');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .*max_tokens.*type invalid_request/);
    expect(result.stderr).not.toMatch(/ambiguous/);
    expect(fixture.simulator.requests).toHaveLength(0);
  });

  it('never says "1 attempt(s)" for a call the local token limit refused before dispatch', async () => {
    fixture = await startCliFixture();
    await fixture.writeConfig({
      extra: `
[llm.providers.openai.rate_limit]
tokens_per_minute = 5
`,
    });
    const refused = await fixture.run('chat', 'a prompt of many more tokens than five per minute');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^error: .*the call was not sent\. \(type rate_limit, provider openai\)\n$/,
    );
    expect(refused.stderr).not.toMatch(/attempt/);
    expect(fixture.simulator.requests).toHaveLength(0);
  });

  it('never says "1 attempt(s)" for a call a block budget refused before dispatch', async () => {
    fixture = await startCliFixture();
    await fixture.writeConfig({
      extra: `
[[llm.budgets]]
name = "tiny"
period = "day"
limit = 0.0000001
currency = "USD"
action = "block"
`,
    });
    // Nothing is spent yet, but the call's reservation (its most expensive outcome) would cross it.
    const refused = await fixture.run(
      'chat',
      'hello there, this is a long enough prompt to cost something',
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: Budget "tiny" would be crossed/);
    expect(refused.stderr).not.toMatch(/attempt/);
    expect(fixture.simulator.requests).toHaveLength(0);
  });
});

describe('llm chat when the usage ledger cannot be written', () => {
  it.each([
    ['a file where the folder should be', 'sync', 'usage', 'usage'],
    ['a file where the folder should be', 'batched', 'usage', 'usage'],
    ['a file where a parent folder should be', 'sync', 'blocker/usage', 'blocker'],
    ['a file where a parent folder should be', 'batched', 'blocker/usage', 'blocker'],
  ] as const)(
    'prints the answer, exits 0 and warns about usage_data_dir (%s, %s ledger), and llm usage fails clearly',
    async (_case, durability, dataDir, file) => {
      fixture = await startCliFixture();
      await fixture.writeConfig({
        llm: `default_provider = "openai"\nusage_data_dir = "./${dataDir}"`,
        durability,
      });
      await mkdir(path.dirname(path.join(fixture.directory, file)), { recursive: true });
      await writeFile(path.join(fixture.directory, file), 'not a folder');

      const chat = await fixture.run('chat', 'paid answer');
      expect(chat.code).toBe(0);
      expect(chat.stdout).toBe('paid answer\n');
      expect(chat.stderr).toContain(
        `warning: Usage ledger: records cannot be written to usage_data_dir "${path.join(fixture.directory, dataDir)}"`,
      );
      expect(chat.stderr).toMatch(/To fix: .* is a file, not a folder/);
      expect(chat.stderr).toMatch(/1 usage record\(s\) of this run were not saved/);
      expect(chat.stderr).not.toMatch(/(open|mkdir|scandir) '|\.jsonl|\n\s+at /);

      const summary = await fixture.run('usage', 'summary');
      expect(summary.code).toBe(1);
      expect(summary.stderr).toMatch(
        /^error: The usage ledger at usage_data_dir ".*" cannot be read \(E[A-Z]+\): .* is a file, not a folder/,
      );
      expect(summary.stderr).not.toMatch(/(open|mkdir|scandir) '|\n\s+at /);
    },
  );

  it('answers and names usage_data_dir, not a raw ENOTDIR, when a budget cannot read the ledger before the call', async () => {
    fixture = await startCliFixture();
    await fixture.writeConfig({
      llm: 'default_provider = "openai"\nusage_data_dir = "./blocker/usage"',
      extra: '\n[[llm.budgets]]\nperiod = "day"\nlimit = 10\naction = "block"\n',
    });
    await writeFile(path.join(fixture.directory, 'blocker'), 'not a folder');
    const chat = await fixture.run('chat', 'hi');
    // Budgets count the records kept in memory: the ledger problem never fails the call.
    expect(chat.code).toBe(0);
    expect(chat.stdout).toBe('hi\n');
    expect(chat.stderr).toMatch(
      /warning: Usage ledger: .*usage_data_dir ".*blocker\/usage".*\(ENOTDIR\).*To fix: .* is a file, not a folder/,
    );
    expect(chat.stderr).not.toMatch(/mkdir '|\n\s+at /);
  });
});
