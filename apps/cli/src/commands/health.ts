import { COMMON_OPTIONS, type Command } from '../command';
import { withManager } from '../command-context';
import { renderTable } from '../format/table-output';

export const healthCommand: Command = {
  name: 'health',
  summary: 'Check that every enabled provider answers',
  usage: '[--json] [--config file]',
  options: { ...COMMON_OPTIONS, json: { type: 'boolean' } },
  async run(args, io) {
    return withManager(args, io, async (manager) => {
      const status = await manager.healthCheck();
      if (args.values['json']) io.stdout(`${JSON.stringify(status, null, 2)}\n`);
      else {
        const rows = Object.entries(status.providers).map(([name, health]) => [
          name,
          health.healthy ? 'ok' : 'failing',
          health.latency_ms === undefined ? '' : `${health.latency_ms} ms`,
          health.circuit_state ?? '',
          health.error ?? '',
        ]);
        io.stdout(`${renderTable(['provider', 'health', 'latency', 'circuit', 'error'], rows)}\n`);
      }
      return status.healthy ? 0 : 1;
    });
  },
};
