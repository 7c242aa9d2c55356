import { createLLMManager, type LLMManager } from '@llm/manager';
import { silentLogger } from '@llm/core';
import {
  configFromEnvironment,
  locateConfigFile,
  loadConfig,
  type EnvironmentConfig,
  type LLMConfig,
} from '@llm/config';
import { PRESET_NAMES } from '@llm/providers-generic';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createUsageTracker, type LedgerProblem, type UsageTracker } from '@llm/usage';
import { ledgerUnreadableError } from '@llm/usage/internal';
import { CommandLineError, type CliIO, type ParsedArgs } from './command';

/** The system error code (`ENOTDIR`, `EACCES`, …) of a failure to open or close a ledger folder. */
function systemErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

/** The CLI's own data (conversations, and the usage ledger of a run without a config file). */
export function userDataDirectory(env: Readonly<Record<string, string | undefined>>): string {
  if (env['LLM_DATA_DIR']) return env['LLM_DATA_DIR'];
  return join(env['XDG_DATA_HOME'] || join(env['HOME'] || homedir(), '.local', 'share'), 'llm');
}

/** A command's configuration: a file, or (with none anywhere) providers from the environment. */
export type ConfigSource = { configFile: string } | { fromEnvironment: EnvironmentConfig };

const NO_CONFIG =
  'No config: pass --config <file>, set LLM_CONFIG, create ./llm.toml (llm config init) or ' +
  '$XDG_CONFIG_HOME/llm/llm.toml, or set an API key such as OPENAI_API_KEY';

/**
 * `--config`, `$LLM_CONFIG`, `./llm.toml`, the user-level file; with none, the providers whose API
 * keys are set in the environment (their usage ledger under the CLI's data folder).
 */
export function configSourceFor(args: ParsedArgs, io: CliIO): ConfigSource {
  const explicit = typeof args.values['config'] === 'string' ? args.values['config'] : undefined;
  const located = locateConfigFile({ explicit, env: io.env, cwd: io.cwd });
  if (located) return { configFile: located.file };
  const fromEnvironment = configFromEnvironment(io.env, {
    knownPresets: PRESET_NAMES,
    usageDataDir: join(userDataDirectory(io.env), 'usage'),
  });
  if (!fromEnvironment) throw new CommandLineError(NO_CONFIG);
  return { fromEnvironment };
}

/** The options that load a command's configuration (`loadConfig`, `createLLMManager`). */
export function loadOptionsFor(args: ParsedArgs, io: CliIO) {
  const source = configSourceFor(args, io);
  return 'configFile' in source
    ? { configFile: source.configFile, env: io.env }
    : { config: source.fromEnvironment.config, env: io.env, cwd: io.cwd };
}

/** The config file a command uses (commands that need a file: config validate). */
export function configFileFor(args: ParsedArgs, io: CliIO): string {
  const source = configSourceFor(args, io);
  if (!('configFile' in source))
    throw new CommandLineError(
      `No config file (providers come from the environment: ${source.fromEnvironment.providers.join(', ')}); pass --config <file> or run llm config init`,
    );
  return source.configFile;
}

/**
 * Runs `work` on the usage ledger the config points at, opened for reading and maintenance (no
 * provider is built), closing it after. A ledger folder that cannot be used fails with
 * @llm/usage's `ledger_unreadable` LLMError, which names `usage_data_dir` and what to do.
 */
export async function withLedger<T>(
  args: ParsedArgs,
  io: CliIO,
  work: (tracker: UsageTracker, config: LLMConfig) => Promise<T>,
): Promise<T> {
  const config = await loadConfig({ ...loadOptionsFor(args, io), allowMissingVariables: true });
  const dataDir = config.usage_data_dir;
  const tracker = createUsageTracker({
    dataDir: config.usage_data_dir,
    settings: config.usage,
    displayCurrency: config.display_currency,
    exchangeRates: config.exchange_rates,
  });
  const unavailable = (error: unknown) =>
    systemErrorCode(error) ? ledgerUnreadableError(error, dataDir) : error;
  let result: T;
  try {
    result = await work(tracker, config);
  } catch (error) {
    await tracker.close().catch(() => undefined);
    throw unavailable(error);
  }
  await tracker.close().catch((error: unknown) => {
    throw unavailable(error);
  });
  return result;
}

/**
 * Runs `work` with a manager built from the command's config (no file watching), closing it after.
 * A ledger that cannot be written never fails the command: the call's outcome decides the exit
 * code, and the ledger problem is one warning on stderr.
 */
export async function withManager<T>(
  args: ParsedArgs,
  io: CliIO,
  work: (manager: LLMManager) => Promise<T>,
): Promise<T> {
  // The CLI reports a failed call itself (one line, exit code); the manager's own log lines are for
  // whoever asks for them with LLM_LOG_LEVEL or LLM_DEBUG, and `--verbose` prints events as they happen.
  const quiet = !io.env['LLM_LOG_LEVEL'] && !io.env['LLM_DEBUG'];
  const manager = await createLLMManager({
    ...loadOptionsFor(args, io),
    watch: false,
    ...(quiet ? { logger: silentLogger } : {}),
  });
  // The tracker keeps what it cannot write in memory and reports it once; the call goes on.
  let problem: LedgerProblem | undefined;
  manager.on('ledger-degraded', (reported) => void (problem ??= reported));
  let outcome: { value: T } | { error: unknown };
  try {
    outcome = { value: await work(manager) };
  } catch (error) {
    outcome = { error };
  }
  const health = manager.usage?.health();
  if (problem === undefined && health && !health.ok) problem = health.problem;
  let closeError: unknown;
  await manager.close().catch((error: unknown) => {
    closeError = error;
  });
  if (problem !== undefined) {
    io.stderr(`warning: ${problem.message}\n`);
    // This process ends here: what the tracker still holds in memory is lost with it.
    const after = manager.usage?.health();
    const lost = after && !after.ok ? after.pendingRecords : 0;
    if (lost > 0)
      io.stderr(
        `warning: ${lost} usage record(s) of this run were not saved; the answer and the exit code are unaffected.\n`,
      );
  }
  if ('error' in outcome) throw outcome.error;
  if (closeError !== undefined) throw closeError;
  return outcome.value;
}
