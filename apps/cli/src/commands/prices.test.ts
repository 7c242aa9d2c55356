import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UsageRecord } from '@llm/core';
import { createLLMManager, type LLMManager } from '@llm/manager';
import { startSimulator, type Simulator } from '@llm/testing';
import { Decimal } from '@llm/usage';
import { CLI_ENV } from '../__tests__/cli-fixture';
import { runCli } from '../run-cli';

/** One model per way a price is found: pricing table, price file, inline [llm.prices], model_id, preset. */
function pricesToml(simulator: Simulator): string {
  return `[llm]
default_provider = "openai"
usage_data_dir = "./usage"
price_file = "prices.toml"

[llm.usage]
durability = "sync"

[llm.prices."openai/gpt-4o"]
input_price = 2.0
output_price = 9.0

[llm.providers.openai]
type = "openai"
api_key = "\${CLI_TEST_OPENAI_KEY}"
base_url = "${simulator.openaiBaseURL}"

[llm.providers.openai.models.gpt-4o-mini.pricing]
input_price = 0.15
output_price = 0.60

[llm.providers.openai.models."gpt-4.1"]

[llm.providers.openai.models.gpt-4o]

[llm.providers.claude]
type = "claude"
api_key = "sk-ant-prices-test"
base_url = "${simulator.anthropicBaseURL}"

[llm.providers.claude.models.sonnet]
model_id = "claude-sonnet-4-20250514"

[llm.providers.qwen]
type = "generic"
preset = "qwen"
api_key = "sk-qwen-prices-test"
base_url = "${simulator.openaiBaseURL}"

[llm.providers.qwen.models.qwen-max]
`;
}

const PRICE_FILE = `["openai/gpt-4.1"]
input_price = 1.75
output_price = 7.0
`;

interface ShownPrice {
  model: string;
  source: string;
  per_token: { input: string; output: string };
}

let simulator: Simulator;
let directory: string;
let configFile: string;
let manager: LLMManager;

beforeAll(async () => {
  simulator = await startSimulator();
  directory = await mkdtemp(path.join(os.tmpdir(), 'llm-cli-prices-'));
  configFile = path.join(directory, 'llm.toml');
  await writeFile(configFile, pricesToml(simulator));
  await writeFile(path.join(directory, 'prices.toml'), PRICE_FILE);
  manager = await createLLMManager({ configFile, env: CLI_ENV, watch: false });
});

afterAll(async () => {
  await manager?.close();
  await simulator?.close();
  await rm(directory, { recursive: true, force: true });
});

async function shownPrice(model: string): Promise<ShownPrice> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['prices', model, '--json', '--config', configFile], {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: CLI_ENV,
    cwd: directory,
  });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as ShownPrice;
}

async function recordedCall(model: string): Promise<UsageRecord> {
  const records: UsageRecord[] = [];
  const listener = (record: UsageRecord) => void records.push(record);
  manager.on('usage', listener);
  try {
    simulator.script({
      reply: { text: 'ok', usage: { prompt_tokens: 1000, completion_tokens: 2000 } },
    });
    await manager.chatCompletion({ model, messages: [{ role: 'user', content: 'price me' }] });
  } finally {
    manager.off('usage', listener);
  }
  expect(records).toHaveLength(1);
  return records[0]!;
}

describe('llm prices shows what the manager bills', () => {
  it.each([
    ['gpt-4o-mini', 'config', 'the model pricing table'],
    ['gpt-4.1', 'price_file', 'the price file'],
    ['gpt-4o', 'config', 'an inline [llm.prices] entry beside a price file'],
    ['sonnet', 'catalog', 'the catalog through model_id'],
    ['qwen-max', 'catalog', 'the catalog through the qwen preset'],
  ])('shows %s priced from %s (%s) exactly as its call is recorded', async (model, source) => {
    const shown = await shownPrice(model);
    const record = await recordedCall(model);
    expect(shown.source).toBe(source);
    expect(record.pricing_missing).toBeUndefined();
    expect(record.cost_breakdown?.price_source).toBe(shown.source);
    const input = Decimal.from(shown.per_token.input).times(record.prompt_tokens);
    const output = Decimal.from(shown.per_token.output).times(record.completion_tokens);
    expect(record.prompt_tokens).toBe(1000);
    expect(record.completion_tokens).toBe(2000);
    expect(record.cost_breakdown?.input).toBe(input.toNumber());
    expect(record.cost_breakdown?.output).toBe(output.toNumber());
    expect(record.cost_breakdown?.total_decimal).toBe(input.plus(output).toString());
  });
});
