import { LLMError, LLMErrorType } from '@llm/core';
import { startSimulator } from '@llm/testing';
import { describe, expect, it } from 'vitest';
import type { DemoContext, DemoSection } from './demo-section';
import { DEMO_SECTIONS, runTour } from './tour';

const section = (title: string, run: DemoSection['run'], offlineOnly = false): DemoSection => ({
  title,
  explanation: `What ${title} shows,\nin two lines.`,
  offlineOnly,
  run,
});

/** The tour's context for sections that only write: the manager and metrics are never touched. */
function contextFor(output: { text: string }, extra: Partial<DemoContext> = {}): DemoContext {
  return {
    model: 'gpt-4o-mini',
    directory: '/nowhere',
    write: (text) => void (output.text += text),
    ...extra,
  } as DemoContext;
}

describe('runTour', () => {
  it('reports a failing section with its error type and goes on with the next one', async () => {
    const output = { text: '' };
    const outcome = await runTour(contextFor(output), [
      section('first', () =>
        Promise.reject(
          new LLMError({
            type: LLMErrorType.RATE_LIMIT_ERROR,
            message: 'slow down',
            retryable: true,
          }),
        ),
      ),
      section('second', () => Promise.reject(new Error('plain failure'))),
      section('third', async ({ write }) => write('  third ran\n')),
    ]);
    expect(outcome.failed).toEqual(['first', 'second']);
    expect(output.text).toBe(
      '\n1. first\nWhat first shows,\nin two lines.\n\n  section failed: rate_limit: slow down\n' +
        '\n2. second\nWhat second shows,\nin two lines.\n\n  section failed: plain failure\n' +
        '\n3. third\nWhat third shows,\nin two lines.\n\n  third ran\n',
    );
  });

  it('numbers a section that needs the simulator and says why it is skipped without one', async () => {
    const output = { text: '' };
    let ran = false;
    const faults = section('faults', async () => void (ran = true), true);
    expect((await runTour(contextFor(output), [faults])).failed).toEqual([]);
    expect(ran).toBe(false);
    expect(output.text).toBe(
      '\n1. faults\n  skipped with --real: it rehearses faults only the simulator can inject\n',
    );
    const simulator = await startSimulator();
    try {
      await runTour(contextFor({ text: '' }, { simulator }), [faults]);
      expect(ran).toBe(true);
    } finally {
      await simulator.close();
    }
  });

  it('lists the sections in the order of the guided tour, faults marked offline-only', () => {
    expect(DEMO_SECTIONS.filter((entry) => entry.offlineOnly).map((entry) => entry.title)).toEqual([
      'A failing primary rescued by a fallback',
      'A circuit opening and closing',
    ]);
  });
});
