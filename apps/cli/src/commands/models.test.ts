import { afterEach, describe, expect, it } from 'vitest';
import { startCliFixture, type CliFixture } from '../__tests__/cli-fixture';

let fixture: CliFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

interface Row {
  provider: string;
  model: string;
  listed: string;
  context_window?: number;
  input_price?: string;
  output_price?: string;
  price_source?: string;
  capabilities: string[];
}

describe('llm models', () => {
  it('lists configured models with the catalog context window, the billed price and capabilities', async () => {
    fixture = await startCliFixture();
    await fixture.writeConfig({
      extra: `
[llm.providers.openai.models.gpt-4o]
context_window = 64000
supports_vision = false
`,
    });
    const result = await fixture.run('models', '--json');
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as Row[];
    const mini = rows.find((row) => row.model === 'gpt-4o-mini')!;
    expect(mini).toMatchObject({
      provider: 'openai',
      listed: 'config',
      context_window: 128000,
      input_price: '0.15',
      output_price: '0.6',
      price_source: 'config',
    });
    expect(mini.capabilities).toContain('function_calling');
    const big = rows.find((row) => row.model === 'gpt-4o')!;
    expect(big).toMatchObject({
      context_window: 64000,
      input_price: '2.5',
      price_source: 'catalog',
    });
    expect(big.capabilities).not.toContain('vision');
  });

  it('adds the models the provider lists with --remote, and prints a table for people', async () => {
    fixture = await startCliFixture();
    const json = await fixture.run('models', '--remote', '--json');
    const rows = JSON.parse(json.stdout) as Row[];
    expect(rows.some((row) => row.listed === 'remote')).toBe(true);
    expect(rows.filter((row) => row.model === 'gpt-4o-mini')).toHaveLength(1);
    const table = await fixture.run('models');
    expect(table.stdout).toMatch(/^provider\s+model\s+context\s+in\/1M\s+out\/1M\s+capabilities$/m);
    expect(table.stdout).toMatch(/^openai\s+gpt-4o-mini\s+128000\s+0\.15 USD\s+0\.6 USD/m);
  });

  it('refuses an unknown --provider', async () => {
    fixture = await startCliFixture();
    const result = await fixture.run('models', '-p', 'nope');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Provider "nope" is not configured \(available: openai\)/);
  });
});
