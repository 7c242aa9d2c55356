import { describe, expect, it } from 'vitest';
import { runDemo } from './run-demo';

describe('the offline demo', () => {
  it('prints an answer, a streamed answer and a usage table with tokens and a cost for each model', async () => {
    let output = '';
    await runDemo((text) => void (output += text));
    expect(output).toContain('The capital of France is Paris.');
    expect(output).toContain('Streams arrive chunk by chunk');
    const table = output.slice(output.indexOf('Usage by model'));
    const rows = table.split('\n').filter((line) => /^(openai|claude)\s/.test(line));
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const cells = row.trim().split(/\s+/);
      const totalTokens = Number(cells[6]);
      const cost = Number(cells[7]);
      expect(totalTokens).toBeGreaterThan(0);
      expect(cost).toBeGreaterThan(0);
    }
  });
});
