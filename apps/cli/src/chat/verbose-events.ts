// `--verbose`: the manager's retries, fallbacks and circuit breaker changes, one line each on
// stderr as they happen, so a slow answer explains itself.
import type { LLMManager } from '@llm/manager';
import type { CliIO } from '../command';
import type { Colors } from '../format/colors';

/** Subscribes to the manager's resilience events for the rest of the command. */
export function reportResilienceEvents(manager: LLMManager, io: CliIO, paint: Colors): void {
  const say = (text: string) => io.stderr(`${paint.yellow('›')} ${text}\n`);
  manager.on('retry', (event) => {
    const where = event.model ? `${event.provider}/${event.model}` : event.provider;
    say(
      `retry: attempt ${event.attempt} on ${where} failed (${event.error.type}${event.error.statusCode !== undefined ? `, status ${event.error.statusCode}` : ''}); next in ${event.delayMs} ms`,
    );
  });
  manager.on('fallback', (event) =>
    say(`fallback: ${event.from} failed (${event.errorType}); trying ${event.to}`),
  );
  manager.on('breaker-state', (event) => {
    const where = event.model ? `${event.provider}/${event.model}` : event.provider;
    say(`circuit ${where}: ${event.from} -> ${event.to} (${event.reason})`);
  });
}
