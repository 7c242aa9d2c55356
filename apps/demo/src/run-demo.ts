import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import '@llm/providers-openai';
import '@llm/providers-claude';
import { configFromEnvironment } from '@llm/config';
import { silentLogger } from '@llm/core';
import { createLLMManager, type LLMManager } from '@llm/manager';
import { createPrometheusMetrics, type PrometheusMetrics } from '@llm/telemetry';
import { startSimulator, type Simulator } from '@llm/testing';
import { Registry } from 'prom-client';
import { DEMO_BUDGET, demoConfigToml } from './demo-config';
import { runTour } from './tour';

/** The model the tour uses for each provider type when it runs against the real APIs. */
const REAL_MODELS: Readonly<Record<string, string>> = {
  openai: 'gpt-4o-mini',
  claude: 'claude-sonnet-4-20250514',
};

export interface DemoOptions {
  /** Call the real providers whose API keys are set, instead of the simulator. */
  real?: boolean;
  env?: Record<string, string | undefined>;
}

/**
 * The guided tour: offline against the in-process simulator (no network, no keys), or with
 * `real` against the providers of OPENAI_API_KEY / ANTHROPIC_API_KEY.
 */
export async function runDemo(
  write: (text: string) => void = (text) => process.stdout.write(text),
  options: DemoOptions = {},
): Promise<number> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'llm-demo-'));
  let simulator: Simulator | undefined;
  let manager: LLMManager | undefined;
  let metrics: PrometheusMetrics | undefined;
  try {
    let models: string[];
    if (options.real) {
      const env = options.env ?? process.env;
      const fromEnvironment = configFromEnvironment(env, {
        usageDataDir: path.join(directory, 'usage'),
      });
      const usable = fromEnvironment?.config.llm['providers'] as Record<string, { type: string }>;
      // provider/model pairs: a provider configured from the environment takes any model name, so
      // a bare name would go to the default provider.
      models = Object.entries(usable ?? {}).flatMap(([name, { type }]) =>
        REAL_MODELS[type] ? [`${name}/${REAL_MODELS[type]}`] : [],
      );
      if (!fromEnvironment || models.length === 0) {
        write('--real needs OPENAI_API_KEY or ANTHROPIC_API_KEY in the environment.\n');
        return 1;
      }
      manager = await createLLMManager({
        config: { llm: { ...fromEnvironment.config.llm, budgets: [DEMO_BUDGET] } },
        env,
        watch: false,
        // The tour narrates retries, fallbacks and circuits itself; the log lines would repeat them.
        logger: silentLogger,
      });
      write(`Real providers: ${fromEnvironment.providers.join(', ')} (calls are billed)\n`);
    } else {
      simulator = await startSimulator();
      const configFile = path.join(directory, 'llm.toml');
      await writeFile(configFile, demoConfigToml(simulator, path.join(directory, 'usage')));
      manager = await createLLMManager({
        configFile,
        watch: false,
        env: { DEMO_OPENAI_KEY: 'sim-openai-key', DEMO_ANTHROPIC_KEY: 'sim-anthropic-key' },
        logger: silentLogger,
      });
      models = ['gpt-4o-mini', 'claude-sonnet-4-20250514'];
      write(`Simulator listening on ${simulator.url} (no network, no API keys)\n`);
    }
    // Its own registry: the series of one tour only, and a second tour in the process starts at zero.
    metrics = createPrometheusMetrics(manager, { registry: new Registry() });
    const { failed } = await runTour({
      manager,
      simulator,
      metrics,
      model: models[0]!,
      otherModel: models[1],
      directory,
      write,
    });
    if (failed.length === 0) return 0;
    write(`\n${failed.length} section(s) failed: ${failed.join(', ')}\n`);
    return 1;
  } finally {
    metrics?.close();
    await manager?.close();
    await simulator?.close();
    await rm(directory, { recursive: true, force: true });
  }
}
