import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '@llm/testing';

const run = promisify(execFile);
let simulator: Simulator | undefined;
let directory: string | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
  if (directory) await rm(directory, { recursive: true, force: true });
  directory = undefined;
});

// What a fresh process holds after `script`: the CommonJS modules it loaded (pino, Handlebars, ajv
// and prom-client are CommonJS, so an ES module app that loads them has them in this cache).
const LOADED = `
const { createRequire } = await import('node:module');
const loaded = Object.keys(createRequire(import.meta.url).cache);
const heavy = ['pino', 'handlebars', 'ajv', 'prom-client'].filter((name) =>
  loaded.some((file) => file.includes(\`/node_modules/\${name}/\`)));
process.stdout.write(JSON.stringify(heavy));`;

async function heavyModulesAfter(script: string): Promise<string[]> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script + LOADED], {
    cwd: path.resolve(import.meta.dirname, '..'),
  });
  return JSON.parse(stdout) as string[];
}

describe('lazy start-up', () => {
  it('imports the manager without pino, Handlebars, ajv or prom-client', async () => {
    expect(await heavyModulesAfter(`await import('@llm/manager');`)).toEqual([]);
  });

  it('creates a manager and answers a call without loading them, then loads pino for a failure line', async () => {
    simulator = await startSimulator();
    directory = await mkdtemp(path.join(os.tmpdir(), 'llm-lazy-'));
    const config = JSON.stringify({
      default_provider: 'openai',
      enable_usage_tracking: true,
      usage_data_dir: path.join(directory, 'usage'),
      providers: {
        openai: {
          type: 'openai',
          api_key: 'sk-lazy-0001',
          base_url: simulator.openaiBaseURL,
          models: { 'gpt-4o-mini': {} },
        },
      },
    });
    const create = `
await import('@llm/providers-openai');
const { createLLMManager } = await import('@llm/manager');
const manager = await createLLMManager({ config: ${config}, env: {}, watch: false });
await manager.chatCompletion({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
`;
    expect(await heavyModulesAfter(`${create}\nawait manager.close();`)).toEqual([]);
    // A failed call is an error line: the default logger (pino) is created for it.
    const failing = `${create}
await manager.chatCompletion({ model: 'gpt-4o-mini', messages: [] }).catch(() => undefined);
await manager.close();`;
    expect(await heavyModulesAfter(failing)).toContain('pino');
  });
});
