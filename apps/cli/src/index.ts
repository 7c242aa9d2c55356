import '@llm/providers-openai';
import '@llm/providers-claude';
import '@llm/providers-generic';
import { runCli } from './run-cli';

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
// The command is done and its manager closed; a request it gave up on (a health check past its
// timeout) must not hold the process open until the HTTP client's own timeout. Exit once both
// streams have written everything before this point.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
