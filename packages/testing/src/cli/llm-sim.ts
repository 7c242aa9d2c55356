import { CLI_USAGE, parseCliArguments, type CliArguments } from './cli-arguments';
import { rehearsalSteps, rehearses } from './rehearsal-steps';
import { startSimulator } from '../start-simulator';
import { seededRandom } from '../test-helpers';
import type { RecordedRequest, Simulator } from '../simulator-types';

/** How many random outcomes are queued at a time; topped up as requests consume them. */
const QUEUED_OUTCOMES = 1000;
const LOG_INTERVAL_MS = 100;

/** An llm.toml for the three protocols, pointed at this simulator (any key is accepted). */
export function readyConfig(simulator: Simulator): string {
  return `# llm.toml for llm-sim at ${simulator.url} (any non-empty key is accepted)
[llm]
default_provider = "openai"
usage_data_dir = "./llm-usage"

[llm.providers.openai]
type = "openai"
api_key = "sk-sim-local"
base_url = "${simulator.openaiBaseURL}"
[llm.providers.openai.models.gpt-4o-mini]

[llm.providers.claude]
type = "claude"
api_key = "sk-ant-sim-local"
base_url = "${simulator.anthropicBaseURL}"
[llm.providers.claude.models."claude-sonnet-4-20250514"]

[llm.providers.azure]
type = "azure"
api_key = "sim-local"
endpoint = "${simulator.azureEndpoint}"
api_version = "2024-10-21"
[llm.providers.azure.models.gpt-4o]
deployment = "gpt-4o"
`;
}

function describeRehearsal(parsed: CliArguments): string {
  const parts: string[] = [];
  if (parsed.fault !== undefined)
    parts.push(
      `${typeof parsed.fault === 'number' ? `HTTP ${parsed.fault}` : parsed.fault} on ${Math.round((parsed.failRate ?? 1) * 100)}% of chat requests`,
    );
  if (parsed.latencyMs !== undefined) parts.push(`${parsed.latencyMs} ms latency`);
  return parts.join(', ');
}

function logLine(request: RecordedRequest): string {
  const model = (request.body as { model?: unknown } | undefined)?.model;
  const stream = (request.body as { stream?: unknown } | undefined)?.stream === true;
  return `${new Date(request.receivedAt).toISOString()}  ${request.method} ${request.path}  ${request.protocol}${typeof model === 'string' ? `  ${model}` : request.deployment ? `  ${request.deployment}` : ''}${stream ? '  stream' : ''}`;
}

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
  if (rehearses(parsed)) console.log(`  rehearsing:         ${describeRehearsal(parsed)}`);
  console.log(`\n${readyConfig(simulator)}`);
  const random = seededRandom(parsed.seed);
  const topUp = (): void => {
    if (rehearses(parsed) && simulator.pendingSteps() < QUEUED_OUTCOMES / 10)
      simulator.script(...rehearsalSteps(parsed, random, QUEUED_OUTCOMES));
  };
  topUp();
  let logged = 0;
  const timer = setInterval(() => {
    topUp();
    if (parsed.quiet) return;
    const requests = simulator.requests;
    for (; logged < requests.length; logged++) console.log(logLine(requests[logged]!));
  }, LOG_INTERVAL_MS);
  const stop = (): void => {
    clearInterval(timer);
    void simulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`llm-sim: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
