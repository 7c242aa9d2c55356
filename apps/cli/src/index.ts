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
