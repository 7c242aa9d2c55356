import type { ProviderHealth } from '@llm/core';
import { COMMON_OPTIONS, type Command } from '../command';
import { withManager } from '../command-context';
import { renderTable } from '../format/table-output';

/** What `llm health --json` prints per provider: the manager's health check, as it is. */
export type ProviderHealthReport = ProviderHealth;

export const healthCommand: Command = {
  name: 'health',
  summary:
    'Check that every enabled provider answers (lists its models; --deep also makes a one-token chat call)',
  usage: '[--deep] [--json] [--config file]',
  options: {
    ...COMMON_OPTIONS,
    json: { type: 'boolean', description: 'print the checks as JSON' },
    deep: {
      type: 'boolean',
      description:
        'also make a one-token chat call per provider (billed, tagged purpose=health-check)',
    },
  },
  positionals: 0,
  async run(args, io) {
    const deep = args.values['deep'] === true;
    return withManager(args, io, async (manager) => {
      const health = await manager.healthCheck({ deep });
      if (args.values['json']) io.stdout(`${JSON.stringify(health, null, 2)}\n`);
      else {
        const row = (
          name: string,
          check: string,
          result: { healthy: boolean; latency_ms?: number; error?: string },
        ) => [
          name,
          check,
          result.healthy ? 'ok' : 'failing',
          `${result.latency_ms ?? 0} ms`,
          result.error ?? '',
        ];
        const rows = Object.entries(health.providers).flatMap(([name, report]) => {
          const { chat, ...models } = report;
          return [
            row(name, 'models', { ...models, healthy: models.error === undefined }),
            ...(chat ? [row(name, `chat ${chat.model ?? ''}`.trim(), chat)] : []),
          ];
        });
        io.stdout(`${renderTable(['provider', 'check', 'health', 'latency', 'error'], rows)}\n`);
      }
      return health.healthy ? 0 : 1;
    });
  },
};
