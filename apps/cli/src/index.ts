import '@llm/providers-openai';
import '@llm/providers-claude';
import '@llm/providers-generic';
import { fstatSync } from 'node:fs';
import { text } from 'node:stream/consumers';
import { runCli } from './run-cli';

/**
 * Whether text is piped or redirected into stdin (`git diff | llm chat`, `llm chat < file`). A socket
 * (what a parent process leaves open without writing) is not read, or the command would wait forever.
 */
function stdinCarriesInput(): boolean {
  if (process.stdin.isTTY) return false;
  try {
    // `bigint: true` fills its own stats buffer: on Node 20 a plain fstatSync of a pipe on fd 0
    // leaves the shared one in a state that makes the ES module loader skip realpath for the next
    // package it loads, so a lazily imported SDK (@anthropic-ai/sdk) could not find its own
    // dependencies (`echo hi | llm chat -p claude` failed).
    const stat = fstatSync(0, { bigint: true });
    return stat.isFIFO() || stat.isFile();
  } catch {
    return false;
  }
}

const code = await runCli(process.argv.slice(2), {
  stdout: (chunk) => process.stdout.write(chunk),
  stderr: (chunk) => process.stderr.write(chunk),
  env: process.env,
  cwd: process.cwd(),
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  stdinIsTTY: !stdinCarriesInput(),
  readStdin: () => text(process.stdin),
  input: process.stdin,
  output: process.stdout,
});
process.exitCode = code;
// The command is done and its manager closed; a request it gave up on (a health check past its
// timeout) must not hold the process open until the HTTP client's own timeout. Exit once both
// streams have written everything before this point.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
