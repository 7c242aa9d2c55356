import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from './run-demo';
import { DEMO_IMAGE } from './sections/vision-input';

/** USD per million tokens: the demo config's price for gpt-4o-mini, the catalog's for Claude Sonnet 4. */
const PRICES = {
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'claude-sonnet-4-20250514': { input: 3, output: 15 },
} as const;

let output = '';
let exitCode: number;

/** The text of the numbered section `number`, from its heading to the next one. */
function section(number: number): string {
  const start = output.search(new RegExp(`^${number}\\. `, 'm'));
  const rest = output.slice(start);
  const headingEnd = rest.indexOf('\n') + 1;
  const end = rest.slice(headingEnd).search(/^\d+\. /m);
  return end < 0 ? rest : rest.slice(0, headingEnd + end);
}

/** Each "tokens P + C, cost X" line of a section, checked against the price of `model`. */
function expectPricedLines(text: string, model: keyof typeof PRICES, count: number): void {
  const lines = [...text.matchAll(/tokens (\d+) \+ (\d+), cost (\d+\.\d{8}) USD/g)];
  expect(lines).toHaveLength(count);
  for (const [, prompt, completion, cost] of lines) {
    expect(Number(prompt)).toBeGreaterThan(0);
    const expected =
      (Number(prompt) * PRICES[model].input + Number(completion) * PRICES[model].output) / 1e6;
    expect(cost).toBe(expected.toFixed(8));
  }
}

beforeAll(async () => {
  exitCode = await runDemo((text) => void (output += text));
});

describe('the offline demo', () => {
  it('tours the eleven numbered sections in order and exits 0', () => {
    expect(exitCode).toBe(0);
    expect(output.match(/^\d+\. .+$/gm)).toEqual([
      '1. One API, several providers',
      '2. Streaming',
      '3. A tool-using agent',
      '4. Structured output',
      '5. Vision input',
      '6. A failing primary rescued by a fallback',
      '7. A circuit opening and closing',
      '8. A budget refusing a call',
      '9. The usage table by model and day',
      '10. A CSV export',
      '11. The Prometheus text for the calls the demo made',
    ]);
    expect(output).not.toContain('section failed');
  });

  it('prints each heading with its explanation of two or three lines', () => {
    for (let number = 1; number <= 11; number++) {
      const explanation = section(number).split('\n\n')[0]!.split('\n').slice(1);
      expect(explanation.length).toBeGreaterThanOrEqual(2);
      expect(explanation.length).toBeLessThanOrEqual(3);
    }
  });

  it('answers the same question on OpenAI and Claude, each priced at its own rate', () => {
    const text = section(1);
    expect(text).toContain('openai/gpt-4o-mini: The capital of France is Paris.');
    expect(text).toContain('claude/claude-sonnet-4-20250514: Paris is the capital of France.');
    const [openaiLine, claudeLine] = text.split('claude/');
    expectPricedLines(openaiLine!, 'gpt-4o-mini', 1);
    expectPricedLines(claudeLine!, 'claude-sonnet-4-20250514', 1);
  });

  it('streams the text, then the usage and cost of the finish chunk', () => {
    const text = section(2);
    expect(text).toContain(
      '  Streams arrive chunk by chunk, and the usage comes with the last one.\n',
    );
    expectPricedLines(text, 'claude-sonnet-4-20250514', 1);
  });

  it('runs the days_between tool the model asked for and sends its result back', () => {
    const text = section(3);
    expect(text).toContain(
      '  step 1: days_between({"from":"2026-12-01","to":"2026-12-25"}) -> 24\n' +
        '  answer: There are 24 days from 1 December to Christmas Day 2026.\n' +
        '    2 model calls, tokens ',
    );
    expectPricedLines(text, 'gpt-4o-mini', 1);
  });

  it('returns the validated object of a JSON-schema answer', () => {
    const text = section(4);
    expect(text).toContain(
      '  object: {"city":"Paris","country":"France","population_millions":2.1,"landmarks":["Eiffel Tower","Louvre","Notre-Dame"]}\n' +
        '    mode json_schema, 1 attempt(s), tokens ',
    );
    expectPricedLines(text, 'gpt-4o-mini', 1);
  });

  it('sends the shipped PNG as a data URI image part and prints the answer', () => {
    const text = section(5);
    const dataUri = `data:image/png;base64,${readFileSync(DEMO_IMAGE).toString('base64')}`;
    expect(text).toContain(
      `  image part sent: data:image/png;base64,… (${dataUri.length} characters)\n` +
        '  openai/gpt-4o-mini: A red square on a white background.\n',
    );
    expectPricedLines(text, 'gpt-4o-mini', 1);
  });

  it('shows the fallback attempts, a circuit opening and closing, a refused budget, a CSV export', () => {
    expect(section(6)).toMatch(
      /fallback openai\/gpt-4o-mini -> claude\/claude-sonnet-4-20250514 \(server_error\)/,
    );
    expect(section(6)).toMatch(/answered by claude\/claude-sonnet-4-20250514 after 4 attempts/);
    expect(section(7)).toMatch(/circuit {2}flaky: closed -> open/);
    expect(section(7)).toMatch(/call 3: failed \(circuit_open\), 0 request\(s\) sent/);
    expect(section(7)).toMatch(/circuit {2}flaky: half_open -> closed/);
    expect(section(8)).toMatch(/refused: Budget "demo-budget" would be crossed/);
    expect(section(10)).toMatch(/usage\.csv: \d+ records\n {2}timestamp,/);
  });

  it('prints a usage table with tokens and a cost for each model', () => {
    const rows = section(9)
      .split('\n')
      .filter((line) => /^(openai|claude|flaky)\s/.test(line));
    expect(rows.map((row) => row.split(/\s+/)[0])).toEqual(['claude', 'flaky', 'openai']);
    for (const row of rows) {
      const cells = row.trim().split(/\s+/);
      expect(Number(cells[6])).toBeGreaterThan(0);
      expect(Number(cells[7])).toBeGreaterThan(0);
    }
  });

  it("prints Prometheus series that equal the ledger's tokens and costs, with the retries, the fallback and the breaker", () => {
    const text = section(11);
    const sample = (series: string) => {
      const line = text.split('\n').find((candidate) => candidate.startsWith(`  ${series} `));
      expect(line, series).toBeDefined();
      return line!.slice(series.length + 3);
    };
    for (const row of section(9)
      .split('\n')
      .filter((line) => /^(openai|claude|flaky)\s/.test(line))) {
      const [provider, model, , , prompt, completion, , cost] = row.trim().split(/\s+/);
      const labels = `provider="${provider}",model="${model}"`;
      expect(sample(`llm_tokens_total{${labels},type="input"}`)).toBe(prompt);
      expect(sample(`llm_tokens_total{${labels},type="output"}`)).toBe(completion);
      expect(Number(sample(`llm_cost_total{${labels},currency="USD"}`)).toFixed(6)).toBe(cost);
    }
    expect(sample('llm_retries_total{provider="openai",model="gpt-4o-mini"}')).toBe('2');
    expect(
      sample('llm_fallbacks_total{from="openai/gpt-4o-mini",to="claude/claude-sonnet-4-20250514"}'),
    ).toBe('1');
    expect(
      sample('llm_errors_total{provider="flaky",model="gpt-4o-mini",error_type="server_error"}'),
    ).toBe('3');
    expect(sample('llm_circuit_breaker_state{provider="flaky",model="gpt-4o-mini"}')).toBe('0');
    expect(text).not.toMatch(/# (HELP|TYPE)|_bucket\{/);
  });
});
