// Running one measurement in a fresh Node process, as every bench script does.
import { spawn } from 'node:child_process';
import { dirname } from 'node:path';

/** Runs `script` in a fresh Node process with `argument` as JSON; resolves with its last stdout line's JSON. */
export function runNode(script, argument, nodeOptions = []) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...nodeOptions, script, JSON.stringify(argument)], {
      cwd: dirname(script),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      const lines = output.trim().split('\n');
      if (code !== 0) reject(new Error(`${script} exited with code ${code}: ${output}`));
      else resolvePromise(JSON.parse(lines[lines.length - 1]));
    });
  });
}

/** Each round runs every variant once, starting one later than the round before. */
export function alternated(names, round) {
  return names.map((_, index) => names[(index + round) % names.length]);
}
