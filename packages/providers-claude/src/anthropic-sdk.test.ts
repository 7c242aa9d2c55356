import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadAnthropicSdk, loadedAnthropicSdk } from './anthropic-sdk';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const config = {
  name: 'claude',
  type: 'claude',
  api_key: 'sk-ant-test-123456',
  base_url: 'http://127.0.0.1:9',
  timeout: 1000,
  models: [],
};

describe('the Anthropic SDK, loaded on first use', () => {
  it('is not loaded by importing the package (ESM build), and is by the first provider call', () => {
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
      const { ClaudeProvider } = await import(${JSON.stringify(join(packageRoot, 'dist/index.js'))});
      const provider = new ClaudeProvider(${JSON.stringify(config)});
      await settle();
      const atImport = resolved.includes('@anthropic-ai/sdk');
      await provider.initialize();
      await settle();
      process.stdout.write(JSON.stringify({ atImport, afterFirstUse: resolved.includes('@anthropic-ai/sdk') }));
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: packageRoot,
    });
    expect(JSON.parse(output.toString())).toEqual({ atImport: false, afterFirstUse: true });
  });

  it('is required from the CJS build only when a provider makes its first call', () => {
    const script = `
      const { ClaudeProvider } = require(${JSON.stringify(join(packageRoot, 'dist/index.cjs'))});
      const loaded = () => Object.keys(require.cache).some((path) => /node_modules[\\\\/]@anthropic-ai[\\\\/]sdk[\\\\/]/.test(path));
      const provider = new ClaudeProvider(${JSON.stringify(config)});
      const atImport = loaded();
      provider.initialize().then(() => {
        process.stdout.write(JSON.stringify({ atImport, afterFirstUse: loaded() }));
      });
    `;
    const output = execFileSync(process.execPath, ['-e', script], { cwd: packageRoot });
    expect(JSON.parse(output.toString())).toEqual({ atImport: false, afterFirstUse: true });
  });

  it('is loaded once per process', async () => {
    const first = await loadAnthropicSdk();
    expect(await loadAnthropicSdk()).toBe(first);
    expect(loadedAnthropicSdk()).toBe(first);
  });
});
