import { HEALTH_CHECK_TIMEOUT_MS, LLMError } from '@llm/core';
import type { LLMManager } from '@llm/manager';
import { COMMON_OPTIONS, type Command } from '../command';
import { withManager } from '../command-context';
import { renderTable } from '../format/table-output';

/** One check of one provider: whether it passed, how long it really took, and why it failed. */
export interface HealthCheckResult {
  healthy: boolean;
  latency_ms: number;
  error?: string;
}

export interface ProviderHealthReport extends HealthCheckResult {
  /** `--deep`: a one-token chat call to `model`. */
  chat?: HealthCheckResult & { model?: string };
}

function describeError(error: unknown): string {
  if (LLMError.is(error)) return `${error.message} (${error.type})`;
  return error instanceof Error ? error.message : String(error);
}

/** Runs `check`, timing it with the wall clock; gives up after the health timeout. */
async function timed(check: (signal: AbortSignal) => Promise<unknown>): Promise<HealthCheckResult> {
  const started = performance.now();
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`no answer within ${HEALTH_CHECK_TIMEOUT_MS} ms`);
      controller.abort(error);
      reject(error);
    }, HEALTH_CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(controller.signal), timeout]);
    return { healthy: true, latency_ms: Math.round(performance.now() - started) };
  } catch (error) {
    const reason = controller.signal.aborted ? controller.signal.reason : error;
    return {
      healthy: false,
      latency_ms: Math.round(performance.now() - started),
      error: describeError(reason),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** Lists the provider's models; with `deep`, also asks its first chat model for one token. */
async function checkProvider(
  manager: LLMManager,
  name: string,
  deep: boolean,
): Promise<ProviderHealthReport> {
  const list = await timed(() => manager.listModels(name));
  if (!deep) return list;
  const model = manager.config.providers
    .find((provider) => provider.name === name)
    ?.models.find((candidate) => candidate.mode !== 'embedding')?.name;
  const chat = model
    ? await timed((signal) =>
        manager.chatCompletion(
          { provider: name, model, max_tokens: 1, messages: [{ role: 'user', content: 'ping' }] },
          { signal, tags: { purpose: 'health-check' } },
        ),
      )
    : {
        healthy: false,
        latency_ms: 0,
        error: `no chat model to call: list one under [llm.providers.${name}.models]`,
      };
  return { ...list, healthy: list.healthy && chat.healthy, chat: { ...chat, model } };
}

export const healthCommand: Command = {
  name: 'health',
  summary:
    'Check that every enabled provider answers (lists its models; --deep also makes a one-token chat call)',
  usage: '[--deep] [--json] [--config file]',
  options: { ...COMMON_OPTIONS, json: { type: 'boolean' }, deep: { type: 'boolean' } },
  positionals: 0,
  async run(args, io) {
    const deep = args.values['deep'] === true;
    return withManager(args, io, async (manager) => {
      const names = manager
        .getProviderInfo()
        .filter((provider) => provider.enabled)
        .map((provider) => provider.name);
      const reports = await Promise.all(names.map((name) => checkProvider(manager, name, deep)));
      const providers = Object.fromEntries(names.map((name, index) => [name, reports[index]!]));
      const healthy = reports.length > 0 && reports.every((report) => report.healthy);
      if (args.values['json'])
        io.stdout(`${JSON.stringify({ healthy, timestamp: Date.now(), providers }, null, 2)}\n`);
      else {
        const row = (name: string, check: string, result: HealthCheckResult) => [
          name,
          check,
          result.healthy ? 'ok' : 'failing',
          `${result.latency_ms} ms`,
          result.error ?? '',
        ];
        const rows = names.flatMap((name, index) => {
          const { chat, ...list } = reports[index]!;
          return [
            row(name, 'models', { ...list, healthy: !list.error }),
            ...(chat ? [row(name, `chat ${chat.model ?? ''}`.trim(), chat)] : []),
          ];
        });
        io.stdout(`${renderTable(['provider', 'check', 'health', 'latency', 'error'], rows)}\n`);
      }
      return healthy ? 0 : 1;
    });
  },
};
