import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import '@llm/providers-openai';
import '@llm/providers-claude';
import '@llm/providers-generic';
import { startSimulator, type Simulator } from '@llm/testing';
import type { CliIO } from '../command';
import { runCli } from '../run-cli';

export const CLI_ENV = { CLI_TEST_OPENAI_KEY: 'sk-cli-secret-987654' };

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliFixture {
  simulator: Simulator;
  directory: string;
  configFile: string;
  run(...argv: string[]): Promise<CliRun>;
  /** `run` with more of the command's surroundings, e.g. text piped into stdin. */
  runWith(io: Partial<CliIO>, ...argv: string[]): Promise<CliRun>;
  /** Replaces the config file with `cliConfigToml(simulator, options)`. */
  writeConfig(options: Parameters<typeof cliConfigToml>[1]): Promise<void>;
  close(): Promise<void>;
}

/** The test config; `llm` replaces the lines of the `[llm]` table, `extra` is appended. */
export function cliConfigToml(
  simulator: Simulator,
  options: { llm?: string; durability?: 'sync' | 'batched'; usage?: string; extra?: string } = {},
): string {
  return `[llm]
${options.llm ?? 'default_provider = "openai"\nusage_data_dir = "./usage"'}

[llm.usage]
durability = "${options.durability ?? 'sync'}"
${options.usage ?? ''}

[llm.providers.openai]
type = "openai"
api_key = "\${CLI_TEST_OPENAI_KEY}"
base_url = "${simulator.openaiBaseURL}"

[llm.providers.openai.models.gpt-4o-mini]
max_tokens = 1000

[llm.providers.openai.models.gpt-4o-mini.pricing]
currency = "USD"
unit = "million_tokens"
input_price = 0.15
output_price = 0.60
${options.extra ?? ''}`;
}

/** A Claude provider pointed at the simulator, with one model. */
export function claudeProviderToml(simulator: Simulator, name = 'claude'): string {
  return `
[llm.providers.${name}]
type = "claude"
api_key = "sk-ant-cli-test-123456"
base_url = "${simulator.anthropicBaseURL}"

[llm.providers.${name}.models."claude-sonnet-4-20250514"]
max_tokens = 1000
`;
}

export async function startCliFixture(): Promise<CliFixture> {
  const simulator = await startSimulator();
  const directory = await mkdtemp(path.join(os.tmpdir(), 'llm-cli-test-'));
  const configFile = path.join(directory, 'llm.toml');
  await writeFile(configFile, cliConfigToml(simulator));
  const runWith: CliFixture['runWith'] = async (io, ...argv) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, {
      stdout: (text) => void (stdout += text),
      stderr: (text) => void (stderr += text),
      env: {
        ...CLI_ENV,
        LLM_HISTORY_DIR: path.join(directory, 'history'),
        LLM_DATA_DIR: path.join(directory, 'data'),
        XDG_CONFIG_HOME: path.join(directory, 'xdg-config'),
      },
      cwd: directory,
      ...io,
    });
    return { code, stdout, stderr };
  };
  return {
    simulator,
    directory,
    configFile,
    run: (...argv) => runWith({}, ...argv),
    runWith,
    async writeConfig(options) {
      await writeFile(configFile, cliConfigToml(simulator, options));
    },
    async close() {
      await simulator.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
