// The loopback simulator in a process of its own, as every bench script runs it: resolves with the
// child and the base URLs it prints on its first line; `child.stdin.end()` stops it.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export function startSimulatorProcess() {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(here, 'simulator-process.mjs')], {
      cwd: here,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let output = '';
    child.on('error', reject);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('\n')) resolvePromise({ child, urls: JSON.parse(output.split('\n')[0]) });
    });
  });
}
