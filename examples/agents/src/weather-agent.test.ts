import { describe, expect, it } from 'vitest';
import { startOfflineManager } from './offline-manager';
import { askAgent } from './weather-agent';

describe('the weather agent when a tool cannot answer', () => {
  it('sends an unknown city and a division by zero back to the model as tool errors, then answers', async () => {
    const offline = await startOfflineManager();
    try {
      offline.simulator.script(
        {
          reply: {
            tool_calls: [
              { name: 'get_weather', arguments: { city: 'Atlantis' } },
              { name: 'calculate', arguments: { a: 1, b: 0, operation: 'divide' } },
            ],
          },
        },
        { reply: { text: 'I have no forecast for Atlantis, and cannot divide by zero.' } },
      );
      const result = await askAgent(offline.manager, 'Weather in Atlantis, and 1 / 0?');
      const [weather, division] = result.steps[0]!.tool_results;
      expect(weather!.content).toBe('{"error":"no forecast for Atlantis"}');
      expect(weather!.error).toBeUndefined();
      expect(division!.error?.kind).toBe('execution_failed');
      expect(division!.content).toContain('division by zero');
      expect(result.content).toBe('I have no forecast for Atlantis, and cannot divide by zero.');
      // The model saw both results in the second request.
      const sent = offline.simulator.requests.at(-1)!.body as { messages: { role: string }[] };
      expect(sent.messages.filter((message) => message.role === 'tool')).toHaveLength(2);
    } finally {
      await offline.close();
    }
  });
});
