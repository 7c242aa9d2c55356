import { startSimulator, toolCallsThenAnswer, type Simulator } from '@llm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from './run-demo';

// `--real` reads the providers from the environment; the simulator stands in for the real APIs
// through the base-URL variables, answering as a real model would.
let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(() => simulator.close());

describe('the demo with --real', () => {
  it('uses every provider whose key is set, skips the fault rehearsals with a line, and runs the rest', async () => {
    simulator.script(
      { reply: { text: 'Paris.' } },
      { reply: { text: 'Paris, of course.' } },
      { reply: { text: 'Streamed.' } },
      ...toolCallsThenAnswer({
        calls: [{ name: 'days_between', arguments: { from: '2026-12-01', to: '2026-12-25' } }],
        answer: '24 days.',
      }),
      {
        reply: {
          text: '{"city":"Paris","country":"France","population_millions":2.1,"landmarks":[]}',
        },
      },
      { reply: { text: 'A red square.' } },
    );
    let output = '';
    const code = await runDemo((text) => void (output += text), {
      real: true,
      env: {
        OPENAI_API_KEY: 'sk-demo-real-test-1234',
        OPENAI_BASE_URL: simulator.openaiBaseURL,
        ANTHROPIC_API_KEY: 'sk-ant-demo-real-test-1234',
        ANTHROPIC_BASE_URL: simulator.anthropicBaseURL,
      },
    });
    expect(output).toContain('Real providers: openai, claude (calls are billed)');
    expect(output).toContain('openai/gpt-4o-mini: Paris.');
    expect(output).toContain('claude/claude-sonnet-4-20250514: Paris, of course.');
    expect(output).toContain('step 1: days_between({"from":"2026-12-01","to":"2026-12-25"}) -> 24');
    expect(output).toContain('"landmarks":[]}');
    expect(output).toContain('A red square.');
    expect(output).toMatch(
      /6\. A failing primary rescued by a fallback\n {2}skipped with --real: it rehearses faults only the simulator can inject\n/,
    );
    expect(output).toMatch(/7\. A circuit opening and closing\n {2}skipped with --real/);
    expect(output).toMatch(/refused: Budget "demo-budget" would be crossed/);
    expect(output).toMatch(
      /llm_requests_total\{provider="openai",model="gpt-4o-mini",status="success"\}/,
    );
    expect(output).not.toContain('sk-demo-real-test-1234');
    expect(code).toBe(0);
  });

  it('with only ANTHROPIC_API_KEY, calls Claude alone; a section that fails is reported, the tour goes on and exits 1', async () => {
    // No scripted answers: the simulator's default text is no JSON object, so structured output
    // fails after its repair, as it would on a model that ignores the schema.
    let output = '';
    const code = await runDemo((text) => void (output += text), {
      real: true,
      env: {
        ANTHROPIC_API_KEY: 'sk-ant-demo-real-test-1234',
        ANTHROPIC_BASE_URL: simulator.anthropicBaseURL,
      },
    });
    expect(output).toContain('Real providers: claude (calls are billed)');
    expect(output).not.toContain('openai/');
    expect(output).toMatch(/4\. Structured output\n[\s\S]*?\n {2}section failed: unknown: /);
    expect(output).toMatch(/11\. The Prometheus text/);
    expect(output).toMatch(/\n1 section\(s\) failed: Structured output\n$/);
    expect(code).toBe(1);
  });

  it('says what --real needs when no API key is set', async () => {
    let output = '';
    expect(await runDemo((text) => void (output += text), { real: true, env: {} })).toBe(1);
    expect(output).toMatch(/--real needs OPENAI_API_KEY or ANTHROPIC_API_KEY/);
  });

  it('does not count a provider of a type the tour has no model for', async () => {
    let output = '';
    const code = await runDemo((text) => void (output += text), {
      real: true,
      env: { DEEPSEEK_API_KEY: 'sk-deepseek-demo-1234' },
    });
    expect(code).toBe(1);
    expect(output).toMatch(/--real needs OPENAI_API_KEY or ANTHROPIC_API_KEY/);
  });
});
