import type { DemoSection } from '../demo-section';

export const fallback: DemoSection = {
  title: 'A failing primary rescued by a fallback',
  explanation:
    'The logical model "resilient" prefers OpenAI and falls back to Claude. OpenAI answers 503\n' +
    'to every attempt here: the retry policy tries it again, then the router moves on, and the\n' +
    'answer says how many attempts it took.',
  offlineOnly: true,
  async run({ manager, simulator, write }) {
    simulator!.script({
      match: { protocol: 'openai' },
      error: { status: 503, message: 'The server is overloaded' },
      times: 3,
    });
    const onRetry = (event: { provider: string; attempt: number; error: { type: string } }) =>
      write(`  retry    ${event.provider} attempt ${event.attempt} failed (${event.error.type})\n`);
    const onFallback = (event: { from: string; to: string; errorType: string }) =>
      write(`  fallback ${event.from} -> ${event.to} (${event.errorType})\n`);
    manager.on('retry', onRetry);
    manager.on('fallback', onFallback);
    try {
      const answer = await manager.chatCompletion({
        model: 'resilient',
        messages: [{ role: 'user', content: 'Still there?' }],
      });
      for (const attempt of answer.metadata.attempts ?? [])
        write(
          `  attempt  ${attempt.provider}/${attempt.model}: ${attempt.outcome}${attempt.status ? ` (HTTP ${attempt.status})` : ''}\n`,
        );
      write(
        `  answered by ${answer.metadata.provider_name}/${answer.model} after ${answer.metadata.attempt_count} attempts: ${answer.content}\n`,
      );
    } finally {
      manager.off('retry', onRetry);
      manager.off('fallback', onFallback);
    }
  },
};
