import { describe, expect, it } from 'vitest';
import { runChatWithMemory } from './chat-with-memory';
import { runStructuredExtraction } from './structured-extraction';
import { runWeatherAgent } from './weather-agent';

describe('the agent examples, run offline against the simulator', () => {
  it('weather agent: two parallel lookups, the calculator, then the answer', async () => {
    const lines: string[] = [];
    const result = await runWeatherAgent((line) => lines.push(line));
    expect(result.steps).toHaveLength(3);
    expect(result.finish_reason).toBe('stop');
    expect(lines.slice(0, 3)).toEqual([
      'step 1: get_weather({"city":"Paris"}) -> {"sky":"sunny","celsius":21}',
      'step 1: get_weather({"city":"Oslo"}) -> {"sky":"snow","celsius":-3}',
      'step 2: calculate({"a":21,"b":-3,"operation":"subtract"}) -> 24',
    ]);
    expect(lines[3]).toContain('24 degrees warmer');
    expect(result.cost).toBeGreaterThan(0);
  });

  it('structured extraction: an invalid first object is repaired once', async () => {
    const lines: string[] = [];
    const result = await runStructuredExtraction((line) => lines.push(line));
    expect(result.object).toEqual({
      vendor: 'ACME GmbH',
      total: 1250,
      currency: 'EUR',
      due: '2027-01-15',
    });
    expect(result.attempts).toBe(2);
    expect(lines[1]).toMatch(/^2 attempt\(s\) \(json_schema\)/);
  });

  it('chat with memory: the kept fact stays while old turns leave the window', async () => {
    const lines: string[] = [];
    const chat = await runChatWithMemory((line) => lines.push(line));
    expect(lines[0]).toBe('kept in the window: true');
    expect(chat.messages.length).toBeLessThan(2 + 2 * 14);
    expect(chat.countTokens(chat.messages)).toBeLessThanOrEqual(600);
    expect(lines[2]).toBe('last answer: What do you remember about me?');
  });
});
