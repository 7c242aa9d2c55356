import { LLMError } from '@llm/core';
import type { DemoSection } from '../demo-section';

/** The breaker's cooldown in the demo config: short, so the tour sees it close again. */
export const DEMO_BREAKER_COOLDOWN_MS = 40;

export const circuitBreaker: DemoSection = {
  title: 'A circuit opening and closing',
  explanation:
    'The provider "flaky" opens its circuit after two failures: the next call is refused at once,\n' +
    'without a request. After the cooldown one probe goes through (half-open); it succeeds and\n' +
    'the circuit closes.',
  offlineOnly: true,
  async run({ manager, simulator, write }) {
    const onState = (event: { provider: string; from: string; to: string; reason: string }) =>
      write(`  circuit  ${event.provider}: ${event.from} -> ${event.to} (${event.reason})\n`);
    manager.on('breaker-state', onState);
    const call = async (label: string) => {
      const sent = simulator!.requests.length;
      try {
        const answer = await manager.chatCompletion({
          model: 'gpt-4o-mini',
          provider: 'flaky',
          messages: [{ role: 'user', content: label }],
        });
        write(`  ${label}: answered "${answer.content}"\n`);
      } catch (error) {
        const reason = LLMError.is(error) ? (error.details?.['reason'] ?? error.type) : error;
        const requests = simulator!.requests.length - sent;
        write(`  ${label}: failed (${String(reason)}), ${requests} request(s) sent\n`);
      }
    };
    try {
      simulator!.script({
        match: { protocol: 'openai' },
        error: { status: 500, message: 'internal error' },
        times: 2,
      });
      await call('call 1');
      await call('call 2');
      await call('call 3');
      await new Promise((resolve) => setTimeout(resolve, DEMO_BREAKER_COOLDOWN_MS + 10));
      await call('call 4');
    } finally {
      manager.off('breaker-state', onState);
    }
  },
};
