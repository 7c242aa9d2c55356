import { CLI_USAGE, parseCliArguments, type CliArguments } from './cli-arguments';
import { startSimulator } from '../start-simulator';

async function main(): Promise<void> {
  let parsed: CliArguments;
  try {
    parsed = parseCliArguments(process.argv.slice(2));
  } catch (error) {
    console.error(`llm-sim: ${(error as Error).message}\n\n${CLI_USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (parsed.help) {
    console.log(CLI_USAGE);
    return;
  }
  const simulator = await startSimulator({
    port: parsed.port,
    ...(parsed.wireDir === undefined ? {} : { wireDir: parsed.wireDir }),
    ...(parsed.apiKeys === undefined ? {} : { apiKeys: parsed.apiKeys }),
  });
  console.log(`llm-sim listening on ${simulator.url}`);
  console.log(`  openai baseURL:     ${simulator.openaiBaseURL}`);
  console.log(`  anthropic baseURL:  ${simulator.anthropicBaseURL}`);
  console.log(`  azure endpoint:     ${simulator.azureEndpoint}`);
  console.log(`  wire dir:           ${simulator.wireDir ?? '(none found)'}`);
  const stop = (): void => {
    void simulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`llm-sim: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
