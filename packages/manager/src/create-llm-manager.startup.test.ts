import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import '@llm/providers-openai';
import '@llm/providers-claude';
import { LLMError } from '@llm/core';
import { startSimulator, type Simulator } from '@llm/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLLMManager } from './index';

const run = promisify(execFile);
let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(() => simulator.close());

function config(providers: Record<string, Record<string, unknown>>) {
  return { config: { enable_usage_tracking: false, providers }, env: {}, watch: false };
}

async function startupFailure(providers: Record<string, Record<string, unknown>>) {
  const error = await createLLMManager(config(providers)).then(
    async (manager) => {
      await manager.close();
      return undefined;
    },
    (caught: unknown) => caught,
  );
  expect(LLMError.is(error)).toBe(true);
  return error as LLMError;
}

describe('start-up without waiting for the SDKs', () => {
  it('still refuses an openai provider with no key at creation', async () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    vi.stubEnv('OPENAI_ADMIN_KEY', '');
    try {
      const error = await startupFailure({
        keyless: { type: 'openai', base_url: simulator.openaiBaseURL },
      });
      expect(error).toMatchObject({ type: 'auth', providerName: 'keyless', retryable: false });
      expect(error.message).toContain('Provider "keyless" has no API key');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('answers health checks and closes with providers that never made a call', async () => {
    const manager = await createLLMManager(
      config({
        openai: {
          type: 'openai',
          api_key: 'sk-startup-0002',
          base_url: simulator.openaiBaseURL,
          models: { 'gpt-4o-mini': {} },
        },
        claude: {
          type: 'claude',
          api_key: 'sk-ant-startup-0003',
          base_url: simulator.anthropicBaseURL,
          models: { 'claude-sonnet-4-20250514': {} },
        },
      }),
    );
    const health = await manager.healthCheck();
    expect(health).toMatchObject({
      healthy: true,
      providers: { openai: { healthy: true }, claude: { healthy: true } },
    });
    await manager.close();
  });

  // A fresh CommonJS process: what is loaded (the SDK in require.cache) and read (the price
  // catalog file) at creation, one turn of the event loop later, and after the first call.
  async function inFreshProcess(body: string): Promise<Record<string, unknown>> {
    const providers = {
      openai: {
        type: 'openai',
        api_key: 'sk-startup-0004',
        base_url: simulator.openaiBaseURL,
        models: { 'gpt-4o-mini': {} },
      },
    };
    const script = `
const fs = require('node:fs');
const readFileSync = fs.readFileSync;
let catalogRead = false;
fs.readFileSync = (file, ...rest) => {
  if (String(file).endsWith('price-catalog.json')) catalogRead = true;
  return readFileSync(file, ...rest);
};
require('@llm/providers-openai');
const { createLLMManager } = require('@llm/manager');
const sdkLoaded = () => Object.keys(require.cache).some((file) => /node_modules[\\\\/]openai[\\\\/]/.test(file));
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const result = {};
(async () => {
  const manager = await createLLMManager(${JSON.stringify(config(providers))});
  ${body}
  process.stdout.write(JSON.stringify(result));
})();`;
    const { stdout } = await run(process.execPath, ['-e', script], {
      cwd: path.resolve(import.meta.dirname, '..'),
    });
    return JSON.parse(stdout) as Record<string, unknown>;
  }

  it('creates a manager without loading the SDK or reading the price catalog; the SDK loads with the first call', async () => {
    const result = await inFreshProcess(`
  result.atCreation = { sdk: sdkLoaded(), catalog: catalogRead };
  await nextTurn();
  result.aTurnLater = { sdk: sdkLoaded(), catalog: catalogRead };
  const answer = await manager.chatCompletion({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
  result.answered = typeof answer.content;
  result.afterFirstCall = { sdk: sdkLoaded() };
  await manager.close();`);
    expect(result).toEqual({
      atCreation: { sdk: false, catalog: false },
      aTurnLater: { sdk: false, catalog: true },
      answered: 'string',
      afterFirstCall: { sdk: true },
    });
  });

  it('loads nothing more when closed right after creation', async () => {
    const result = await inFreshProcess(`
  await manager.close();
  await nextTurn();
  await nextTurn();
  result.afterClose = { sdk: sdkLoaded(), catalog: catalogRead };`);
    expect(result).toEqual({ afterClose: { sdk: false, catalog: false } });
  });
});
