import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigChange } from '../config-change';
import {
  createConfigManager,
  type ConfigManagerOptions,
  type LLMConfigManager,
} from '../llm-config-manager';

export const OPENAI_ONLY = `[llm]
default_provider = "openai"

[llm.providers.openai]
type = "openai"
api_key = "\${OPENAI_API_KEY}"

[llm.providers.openai.models.gpt-4o]
max_tokens = 4096
`;

export const WITH_NEW_MODEL = `${OPENAI_ONLY}
[llm.providers.openai.models."gpt-4.1"]
max_tokens = 8192
`;

/** A fresh directory holding `llm.toml` with the given text. */
export function configDirectory(text = OPENAI_ONLY): { directory: string; file: string } {
  const directory = mkdtempSync(join(tmpdir(), 'llm-config-manager-'));
  const file = join(directory, 'llm.toml');
  writeFileSync(file, text);
  return { directory, file };
}

/** A manager that watches `file` (real file-system events) and reads only `env`, no `.env` file. */
export function watchedConfigManager(
  file: string,
  env: Record<string, string>,
  options: Partial<ConfigManagerOptions> = {},
): Promise<LLMConfigManager> {
  return createConfigManager({ configFile: file, env, dotenv: false, watch: true, ...options });
}

/** Resolves with the next event of that kind, or rejects after `timeoutMs` of real time. */
export function nextEvent<Event extends 'change' | 'error'>(
  manager: LLMConfigManager,
  event: Event,
  timeoutMs = 5000,
): Promise<Event extends 'change' ? ConfigChange : Error> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${event} event within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const listener = (value: unknown) => {
      clearTimeout(timer);
      manager.off(event, listener);
      resolve(value as Event extends 'change' ? ConfigChange : Error);
    };
    manager.on(event as 'change', listener as (change: ConfigChange) => void);
  });
}

/** Polls (real time) until `condition` holds: for waiting on a file-system event before advancing a manual clock. */
export async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
