import { createLLMManager, type LLMManager } from '@llm/manager';
import type { CliIO, ParsedArgs } from './command';
import { configFileFor } from './config-source';

/** Runs `work` with a manager built from the command's config (no file watching), closing it after. */
export async function withManager<T>(
  args: ParsedArgs,
  io: CliIO,
  work: (manager: LLMManager) => Promise<T>,
): Promise<T> {
  const manager = await createLLMManager({
    configFile: configFileFor(args, io),
    env: io.env,
    watch: false,
  });
  try {
    return await work(manager);
  } finally {
    await manager.close();
  }
}
