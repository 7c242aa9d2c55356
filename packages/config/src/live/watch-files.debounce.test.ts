import { createManualClock } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { createDebouncer } from './watch-files';

/** A 50 ms debouncer on a manual clock that records the reasons of every run. */
function recordingDebouncer() {
  const clock = createManualClock();
  const runs: string[][] = [];
  const debouncer = createDebouncer<string>({
    clock,
    delayMs: 50,
    run: (reasons) => runs.push([...reasons]),
  });
  return { clock, runs, debouncer };
}

describe('createDebouncer', () => {
  it('runs once after the quiet period with every reason of the burst', async () => {
    const { clock, runs, debouncer } = recordingDebouncer();
    debouncer.trigger('file');
    await clock.advance(30);
    debouncer.trigger('price_file');
    await clock.advance(30);
    expect(runs).toEqual([]);
    await clock.advance(20);
    expect(runs).toEqual([['file', 'price_file']]);
  });

  it('starts a fresh batch after running', async () => {
    const { clock, runs, debouncer } = recordingDebouncer();
    debouncer.trigger('file');
    await clock.advance(50);
    debouncer.trigger('price_file');
    await clock.advance(50);
    expect(runs).toEqual([['file'], ['price_file']]);
  });

  it('never runs after cancel', async () => {
    const clock = createManualClock();
    let runs = 0;
    const debouncer = createDebouncer<string>({ clock, delayMs: 50, run: () => runs++ });
    debouncer.trigger('file');
    debouncer.cancel();
    await clock.advance(100);
    expect(runs).toBe(0);
    expect(clock.pendingTimers()).toBe(0);
  });
});
