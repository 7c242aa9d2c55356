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

  it('tours the numbered sections: fallback attempts, a circuit opening and closing, a refused budget, a CSV export', async () => {
    let output = '';
    expect(await runDemo((text) => void (output += text))).toBe(0);
    const headings = output.match(/^\d+\. .+$/gm) ?? [];
    expect(headings).toEqual([
      '1. One API, several providers',
      '2. Streaming',
      '3. A failing primary rescued by a fallback',
      '4. A circuit opening and closing',
      '5. A budget refusing a call',
      '6. The usage table by model and day',
      '7. A CSV export',
    ]);
    expect(output).toMatch(
      /fallback openai\/gpt-4o-mini -> claude\/claude-sonnet-4-20250514 \(server_error\)/,
    );
    expect(output).toMatch(/answered by claude\/claude-sonnet-4-20250514 after \d+ attempts/);
    expect(output).toMatch(/circuit {2}flaky: closed -> open/);
    expect(output).toMatch(/call 3: failed \(circuit_open\), 0 request\(s\) sent/);
    expect(output).toMatch(/circuit {2}flaky: half_open -> closed/);
    expect(output).toMatch(/refused: Budget "demo-budget" would be crossed/);
    expect(output).toMatch(/usage\.csv: \d+ records\n {2}timestamp,/);
  });

  it('says what --real needs when no API key is set', async () => {
    let output = '';
    expect(await runDemo((text) => void (output += text), { real: true, env: {} })).toBe(1);
    expect(output).toMatch(/--real needs OPENAI_API_KEY or ANTHROPIC_API_KEY/);
  });
});
