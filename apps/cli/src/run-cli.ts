import { LLMError } from '@llm/core';
import { ConfigError, formatConfigIssues } from '@llm/config';
import { CommandLineError, type CliIO, type Command } from './command';
import { benchCommand } from './commands/bench';
import { chatCommand } from './commands/chat';
import { configInitCommand } from './commands/config-init';
import { configShowCommand } from './commands/config-show';
import { configValidateCommand } from './commands/config-validate';
import { healthCommand } from './commands/health';
import { logsCommand } from './commands/logs';
import { modelsCommand } from './commands/models';
import { pricesCommand } from './commands/prices';
import { replCommand } from './commands/repl';
import { templatesCommand } from './commands/templates';
import { usageBudgetsCommand } from './commands/usage-budgets';
import { usageChartCommand } from './commands/usage-chart';
import { usageCleanupCommand } from './commands/usage-cleanup';
import { usageExportCommand } from './commands/usage-export';
import { usageSummaryCommand } from './commands/usage-summary';
import { stderrColors } from './format/colors';
import { commandHelp, parseCommandLine } from './parse-command-line';
import { cliVersion } from './version';

export const COMMANDS: readonly Command[] = [
  chatCommand,
  replCommand,
  logsCommand,
  templatesCommand,
  usageSummaryCommand,
  usageChartCommand,
  usageBudgetsCommand,
  usageExportCommand,
  usageCleanupCommand,
  modelsCommand,
  pricesCommand,
  configInitCommand,
  configValidateCommand,
  configShowCommand,
  healthCommand,
  benchCommand,
];

function overview(prefix = ''): string {
  const listed = COMMANDS.filter((command) => command.name.startsWith(prefix));
  const width = Math.max(...listed.map((command) => command.name.length));
  return [
    'usage: llm <command> [options]   (llm <command> --help for its options, llm --version)',
    '',
    ...listed.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Config is read from --config, then $LLM_CONFIG, then ./llm.toml, then',
    '$XDG_CONFIG_HOME/llm/llm.toml; with none, providers come from the environment',
    '(OPENAI_API_KEY, ANTHROPIC_API_KEY, AZURE_OPENAI_*, DEEPSEEK_API_KEY, …).',
    '',
    'Exit codes: 0 ok, 1 the call or check failed, 2 a mistake in the command line,',
    '3 an invalid configuration.',
  ].join('\n');
}

function findCommand(argv: readonly string[]): { command: Command; rest: string[] } | undefined {
  const byLength = [...COMMANDS].sort(
    (a, b) => b.name.split(' ').length - a.name.split(' ').length,
  );
  for (const command of byLength) {
    const words = command.name.split(' ');
    if (words.every((word, index) => argv[index] === word))
      return { command, rest: argv.slice(words.length) };
  }
  return undefined;
}

/** `details.reason` of the errors our own guards raise before any request leaves the process. */
const LOCAL_REFUSALS: ReadonlySet<unknown> = new Set([
  'budget_exceeded',
  'circuit_open',
  'local_rate_limit',
]);

/** Whether the call was refused before it was sent (so no attempt reached the provider). */
function refusedBeforeDispatch(error: LLMError): boolean {
  return error.code === 'budget_exceeded' || LOCAL_REFUSALS.has(error.details?.['reason']);
}

/** One readable paragraph for stderr: what failed and the facts that help, never a stack trace. */
function formatError(error: unknown): string {
  if (LLMError.is(error)) {
    const facts = [
      `type ${error.type}`,
      error.providerName !== 'unknown' ? `provider ${error.providerName}` : undefined,
      error.statusCode !== undefined ? `status ${error.statusCode}` : undefined,
      error.requestId ? `request ${error.requestId}` : undefined,
      error.attempts?.length && !refusedBeforeDispatch(error)
        ? `${error.attempts.length} attempt(s)`
        : undefined,
    ].filter(Boolean);
    return `error: ${error.message} (${facts.join(', ')})`;
  }
  if (error instanceof Error) return `error: ${error.message}`;
  return `error: ${String(error)}`;
}

function reportFailure(
  error: unknown,
  io: CliIO,
  command: Command | undefined,
  debug: boolean,
): number {
  const label = stderrColors(io).red('error:');
  if (CommandLineError.is(error)) {
    io.stderr(
      `${label} ${error.message}\n${command ? `usage: llm ${command.name} ${command.usage}\n` : ''}`,
    );
    return 2;
  }
  const configProblem = ConfigError.is(error);
  if (configProblem)
    io.stderr(`${label} invalid configuration\n${formatConfigIssues(error.issues)}\n`);
  else io.stderr(`${formatError(error).replace(/^error:/, label)}\n`);
  if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return configProblem ? 3 : 1;
}

/** Runs `llm <argv>` and returns the exit code; never throws. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  if (argv[0] === '--version' || argv[0] === '-V') {
    io.stdout(`${cliVersion()}\n`);
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    const wantsHelp =
      argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help';
    const prefix =
      argv[0] && COMMANDS.some((command) => command.name.startsWith(`${argv[0]} `))
        ? `${argv[0]} `
        : '';
    if (wantsHelp || prefix) {
      (wantsHelp ? io.stdout : io.stderr)(`${overview(prefix)}\n`);
      return wantsHelp ? 0 : 2;
    }
    io.stderr(`error: unknown command "${argv.join(' ')}"\n${overview()}\n`);
    return 2;
  }
  const { command, rest } = found;
  const debug = rest.includes('--debug');
  try {
    const parsed = parseCommandLine(command, rest);
    if (parsed.values['help']) {
      io.stdout(commandHelp(command));
      return 0;
    }
    return await command.run(parsed, io);
  } catch (error) {
    return reportFailure(error, io, command, debug);
  }
}
