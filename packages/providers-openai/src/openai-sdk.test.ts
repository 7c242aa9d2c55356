import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createOpenAIClient } from './openai-provider';
import { loadedOpenAISdk, loadOpenAISdk, openAISdkFor } from './openai-sdk';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const config = {
  name: 'openai',
  type: 'openai',
  api_key: 'sk-test-123456',
  base_url: 'http://127.0.0.1:9/v1',
  timeout: 1000,
  models: [],
} as never;

/** Runs `body` in a fresh Node process that records every module specifier it resolves. */
function inFreshProcess(body: string): Record<string, unknown> {
  const hook = encodeURIComponent(
    'let port; export function initialize(data) { port = data.port; }' +
      " export async function resolve(specifier, context, next) { if (!specifier.startsWith('node:')) port.postMessage(specifier); return next(specifier, context); }",
  );
  const script = `
    import { register } from 'node:module';
    import { MessageChannel } from 'node:worker_threads';
    const { port1, port2 } = new MessageChannel();
    const resolved = [];
    port1.on('message', (specifier) => resolved.push(specifier));
    port1.unref();
    register(${JSON.stringify(`data:text/javascript,${hook}`)}, { data: { port: port2 }, transferList: [port2] });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
    const result = {};
    ${body}
    process.stdout.write(JSON.stringify(result));
  `;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: packageRoot,
  });
  return JSON.parse(output.toString()) as Record<string, unknown>;
}

describe('the openai SDK, loaded on first use', () => {
  it('is not loaded by importing the package (ESM build), and is by the first provider call', () => {
    const result = inFreshProcess(`
      const { OpenAIProvider } = await import(${JSON.stringify(join(packageRoot, 'dist/index.js'))});
      await settle();
      result.atImport = resolved.includes('openai');
      const provider = new OpenAIProvider(${JSON.stringify(config)});
      await provider.initialize();
      await settle();
      result.afterFirstUse = resolved.includes('openai');
    `);
    expect(result).toEqual({ atImport: false, afterFirstUse: true });
  });

  it('is required from the CJS build only when a provider builds its client', () => {
    const entry = join(packageRoot, 'dist/index.cjs');
    const script = `
      const { OpenAIProvider } = require(${JSON.stringify(entry)});
      const loaded = () => Object.keys(require.cache).some((path) => /node_modules[\\\\/]openai[\\\\/]/.test(path));
      const atImport = loaded();
      new OpenAIProvider(${JSON.stringify(config)}).initialize().then(() => {
        process.stdout.write(JSON.stringify({ atImport, afterFirstUse: loaded() }));
      });
    `;
    const output = execFileSync(process.execPath, ['-e', script], { cwd: packageRoot });
    expect(JSON.parse(output.toString())).toEqual({ atImport: false, afterFirstUse: true });
  });

  it('is loaded once and shared by every provider', async () => {
    const first = await loadOpenAISdk();
    expect(await loadOpenAISdk()).toBe(first);
    expect(loadedOpenAISdk()).toBe(first);
    expect(openAISdkFor('openai')).toBe(first);
  });

  it('builds a client with the SDK given in the context', async () => {
    const sdk = await loadOpenAISdk();
    const client = createOpenAIClient(config, { sdk });
    expect(client).toBeInstanceOf(sdk.OpenAI);
  });
});

describe('createOpenAIClient before the SDK is loaded', () => {
  it('is a typed error saying to load the SDK first', () => {
    // A fresh process: nothing has loaded the SDK in it.
    const script = `
      import(${JSON.stringify(join(packageRoot, 'dist/index.js'))}).then((openai) => {
        try { openai.createOpenAIClient(${JSON.stringify(config)}); process.stdout.write('no error'); }
        catch (error) { process.stdout.write(JSON.stringify({ type: error.type, message: error.message })); }
      });
    `;
    const output = execFileSync(process.execPath, ['-e', script], { cwd: packageRoot }).toString();
    const error = JSON.parse(output) as { type: string; message: string };
    expect(error.type).toBe('invalid_request');
    expect(error.message).toContain('await loadOpenAISdk()');
  });
});
