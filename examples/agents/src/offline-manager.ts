import '@llm/providers-openai';
import { createLLMManager, type LLMManager } from '@llm/manager';
import { startSimulator, type Simulator } from '@llm/testing';

/** A manager whose OpenAI provider is the in-process simulator: no network, no API key. */
export interface OfflineManager {
  readonly manager: LLMManager;
  readonly simulator: Simulator;
  close(): Promise<void>;
}

/** Starts the simulator and a manager pointed at it (usage kept in memory, gpt-4o-mini priced). */
export async function startOfflineManager(): Promise<OfflineManager> {
  const simulator = await startSimulator();
  const manager = await createLLMManager({
    watch: false,
    config: {
      default_provider: 'openai',
      enable_usage_tracking: false,
      cost_tracking: true,
      providers: {
        openai: {
          type: 'openai',
          api_key: 'sim-key',
          base_url: simulator.openaiBaseURL,
          models: {
            'gpt-4o-mini': {
              context_window: 128000,
              pricing: {
                currency: 'USD',
                unit: 'million_tokens',
                input_price: 0.15,
                output_price: 0.6,
              },
            },
          },
        },
      },
    },
  });
  return {
    manager,
    simulator,
    async close() {
      await manager.close();
      await simulator.close();
    },
  };
}

/** Runs an example as a script: prints its lines, exits non-zero on failure. */
export function runAsScript(example: (write: (line: string) => void) => Promise<unknown>): void {
  example((line) => process.stdout.write(`${line}\n`)).catch((error: unknown) => {
    process.stderr.write(
      `example failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  });
}

/** True when the module is the script node was started with. */
export function isMain(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && moduleUrl === new URL(`file://${process.argv[1]}`).href;
}
