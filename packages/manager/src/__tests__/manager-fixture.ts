import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import '@llm/providers-openai';
import '@llm/providers-claude';
import {
  recordingLogger,
  startSimulator,
  type Simulator,
  type StartSimulatorOptions,
} from '@llm/testing';
import type { UsageRecord } from '@llm/core';
import { createLLMManager, type CreateLLMManagerOptions } from '../index';
import type { LLMManager } from '../llm-manager';

export interface ManagerFixture {
  simulator: Simulator;
  manager: LLMManager;
  directory: string;
  configFile: string;
  close(): Promise<void>;
}

/** The config used by the manager tests (two providers, one priced model), pointed at a simulator. */
export function baseToml(simulator: Simulator, directory: string, extra = ''): string {
  return `
[llm]
default_provider = "openai"
enable_usage_tracking = true
usage_data_dir = ${JSON.stringify(path.join(directory, 'usage'))}
cost_tracking = true

[llm.usage]
durability = "sync"

[llm.providers.openai]
type = "openai"
api_key = "\${TEST_OPENAI_KEY}"
base_url = "${simulator.openaiBaseURL}"
timeout = 5000

[llm.providers.openai.models.gpt-4o-mini]
max_tokens = 4096
supports_vision = true

[llm.providers.openai.models.gpt-4o-mini.pricing]
currency = "USD"
unit = "million_tokens"
input_price = 0.15
output_price = 0.60
cached_input_price = 0.075

[llm.providers.openai.models."gpt-3.5-turbo"]
supports_vision = false

[llm.providers.claude]
type = "claude"
api_key = "\${TEST_ANTHROPIC_KEY}"
base_url = "${simulator.anthropicBaseURL}"
timeout = 5000

[llm.providers.claude.models."claude-sonnet-4-20250514"]
max_tokens = 8192
${extra}
`;
}

export const TEST_ENV = {
  TEST_OPENAI_KEY: 'sk-test-openai-123456',
  TEST_ANTHROPIC_KEY: 'sk-ant-test-123456',
};

export async function startManagerFixture(
  options: {
    /** TOML appended to the base config; a function gets the simulator (for its base URLs). */
    extraToml?: string | ((simulator: Simulator) => string);
    manager?: Partial<CreateLLMManagerOptions>;
    simulator?: StartSimulatorOptions;
  } = {},
): Promise<ManagerFixture> {
  const simulator = await startSimulator(options.simulator);
  const directory = await mkdtemp(path.join(os.tmpdir(), 'llm-manager-test-'));
  const configFile = path.join(directory, 'llm.toml');
  const extra =
    typeof options.extraToml === 'function' ? options.extraToml(simulator) : options.extraToml;
  await writeFile(configFile, baseToml(simulator, directory, extra));
  const manager = await createLLMManager({
    configFile,
    env: TEST_ENV,
    watch: false,
    // The expected warnings and errors of failure tests stay out of the test output; a test that
    // reads the log passes its own logger.
    logger: recordingLogger(),
    ...options.manager,
  });
  return {
    simulator,
    manager,
    directory,
    configFile,
    async close() {
      await manager.close();
      await simulator.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

export { drain } from '@llm/testing';

/** Every record in the manager's ledger, as `exportUsage('json')` gives them. */
export async function ledgerRecords(manager: LLMManager): Promise<UsageRecord[]> {
  return JSON.parse(await manager.usage!.exportUsage('json')) as UsageRecord[];
}
