import { describe, expect, it } from 'vitest';
import { seededRandom } from '../test-helpers';
import { parseCliArguments } from './cli-arguments';
import { rehearsalSteps, rehearses } from './rehearsal-steps';

describe('llm-sim fault flags', () => {
  it('fails every chat request with --fault 503 alone, delayed by --latency', () => {
    const options = parseCliArguments(['--fault', '503', '--latency', '200']);
    expect(rehearses(options)).toBe(true);
    expect(rehearsalSteps(options, seededRandom(1), 10)).toEqual([
      {
        error: { status: 503, message: 'llm-sim: rehearsed failure (HTTP 503)' },
        delayMs: 200,
        times: Infinity,
      },
    ]);
  });

  it('maps --hang and fault names onto the simulator faults', () => {
    expect(rehearsalSteps(parseCliArguments(['--hang']), seededRandom(1), 1)).toEqual([
      { fault: 'hang', times: Infinity },
    ]);
    expect(parseCliArguments(['--fault', 'drop-mid-stream']).fault).toBe('drop-mid-stream');
  });

  it('fails about --fail-rate of the requests with 503 by default, in merged runs', () => {
    const options = parseCliArguments(['--fail-rate', '0.2']);
    expect(options.fault).toBe(503);
    const steps = rehearsalSteps(options, seededRandom(42), 10_000);
    const total = steps.reduce((sum, step) => sum + (step.times ?? 1), 0);
    const failed = steps
      .filter((step) => step.error)
      .reduce((sum, step) => sum + (step.times ?? 1), 0);
    expect(total).toBe(10_000);
    expect(failed / total).toBeGreaterThan(0.18);
    expect(failed / total).toBeLessThan(0.22);
    // Neighbours always differ: equal outcomes were merged.
    for (let index = 1; index < steps.length; index++)
      expect(Boolean(steps[index]!.error)).not.toBe(Boolean(steps[index - 1]!.error));
  });

  it('delays every answer with --latency alone and otherwise leaves the echo', () => {
    const options = parseCliArguments(['--latency', '50']);
    expect(rehearsalSteps(options, seededRandom(1), 5)).toEqual([
      { reply: {}, delayMs: 50, times: Infinity },
    ]);
    expect(rehearses(parseCliArguments([]))).toBe(false);
  });

  it('refuses a status outside 400-599, an unknown fault, a rate outside 0-1', () => {
    expect(() => parseCliArguments(['--fault', '200'])).toThrow(
      /--fault must be a whole number from 400 to 599/,
    );
    expect(() => parseCliArguments(['--fault', 'explode'])).toThrow(
      /--fault takes an HTTP status 400-599 or one of/,
    );
    expect(() => parseCliArguments(['--fail-rate', '1.5'])).toThrow(
      /--fail-rate must be a number from 0 to 1/,
    );
    expect(() => parseCliArguments(['--latency'])).toThrow(/--latency needs a value/);
  });
});
