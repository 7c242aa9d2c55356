import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
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
});
