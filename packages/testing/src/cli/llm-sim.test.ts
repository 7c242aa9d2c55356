import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The built CLI, as the `llm-sim` bin runs it (turbo builds before testing).
const cliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

function firstLine(child: ReturnType<typeof spawn>): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (data: Buffer) => {
      output += data.toString();
      if (output.includes('\n')) resolve(output.split('\n')[0] ?? '');
    });
    child.once('exit', () => reject(new Error(`llm-sim exited before printing: ${output}`)));
  });
}

describe.runIf(existsSync(cliPath))('the llm-sim CLI', () => {
  it('prints its URL, answers requests there and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [cliPath, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const line = await firstLine(child);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
    expect(url).toBeDefined();
    const response = await fetch(`${url}/v1/models`, { headers: { authorization: 'Bearer test' } });
    expect(response.status).toBe(200);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('exits 2 with the usage on an unknown flag', async () => {
    const child = spawn(process.execPath, [cliPath, '--bogus'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errorOutput = '';
    child.stderr?.on('data', (data: Buffer) => (errorOutput += data.toString()));
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(errorOutput).toContain('unknown argument "--bogus"');
  });

  it('prints a ready llm.toml, logs each request, and fails the share of requests --fail-rate says', async () => {
    const child = spawn(
      process.execPath,
      [cliPath, '--fault', '429', '--fail-rate', '0.5', '--seed', '3', '--latency', '5'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout?.on('data', (data: Buffer) => (output += data.toString()));
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(await firstLine(child))?.[1];
    while (!output.includes('deployment = "gpt-4o"')) await new Promise((r) => setTimeout(r, 10));
    expect(output).toContain('rehearsing:         HTTP 429 on 50% of chat requests, 5 ms latency');
    expect(output).toContain(`base_url = "${url}/v1"`);
    const statuses: number[] = [];
    for (let index = 0; index < 20; index++) {
      const response = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk-sim-local', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
      });
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    expect(statuses).toContain(200);
    expect(statuses).toContain(429);
    expect(statuses.every((status) => status === 200 || status === 429)).toBe(true);
    while ((output.match(/POST \/v1\/chat\/completions/g) ?? []).length < 20)
      await new Promise((r) => setTimeout(r, 20));
    expect(output).toMatch(/Z {2}POST \/v1\/chat\/completions {2}openai {2}gpt-4o-mini/);
    child.kill('SIGTERM');
    await once(child, 'exit');
  });

  it('is the package bin, an executable with a node shebang (pnpm exec llm-sim, npx llm-sim)', () => {
    const manifest = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { bin: Record<string, string> };
    expect(manifest.bin['llm-sim']).toBe('./bin/llm-sim.mjs');
    const bin = readFileSync(new URL('../../bin/llm-sim.mjs', import.meta.url), 'utf8');
    expect(bin.startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});
