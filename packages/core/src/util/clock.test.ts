import { describe, expect, it } from 'vitest';
import { createManualClock, systemClock } from './clock';

describe('createManualClock', () => {
  it('fires timers in due order as time advances, and not before', async () => {
    const clock = createManualClock(1000);
    const fired: string[] = [];
    clock.setTimer(() => fired.push('b'), 200);
    clock.setTimer(() => fired.push('a'), 100);
    await clock.advance(99);
    expect(fired).toEqual([]);
    await clock.advance(101);
    expect(fired).toEqual(['a', 'b']);
    expect(clock.now()).toBe(1200);
  });

  it('lets a cancelled timer never fire', async () => {
    const clock = createManualClock();
    let fired = false;
    clock.setTimer(() => (fired = true), 10).cancel();
    await clock.advance(100);
    expect(fired).toBe(false);
  });

  it('resolves sleep when its time comes', async () => {
    const clock = createManualClock();
    let done = false;
    void clock.sleep(50).then(() => (done = true));
    await clock.advance(49);
    expect(done).toBe(false);
    await clock.advance(1);
    expect(done).toBe(true);
  });

  it('rejects sleep at once when the signal aborts', async () => {
    const clock = createManualClock();
    const controller = new AbortController();
    const sleeping = clock.sleep(10_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    expect(clock.pendingTimers()).toBe(0);
  });

  it('runs timers scheduled by other timers during one advance', async () => {
    const clock = createManualClock();
    const fired: number[] = [];
    clock.setTimer(() => {
      fired.push(clock.now());
      clock.setTimer(() => fired.push(clock.now()), 10);
    }, 10);
    await clock.advance(30);
    expect(fired).toEqual([10, 20]);
  });

  it('jumps to the next timer with runNext', async () => {
    const clock = createManualClock();
    clock.setTimer(() => {}, 500);
    expect(await clock.runNext()).toBe(true);
    expect(clock.now()).toBe(500);
    expect(await clock.runNext()).toBe(false);
  });
});

describe('systemClock', () => {
  it('keeps the process alive while a sleep is pending, but not for background timers', () => {
    const foreground = systemClock.setTimer(() => {}, 60_000);
    const background = systemClock.setTimer(() => {}, 60_000, { background: true });
    const active = (
      process as unknown as { getActiveResourcesInfo(): string[] }
    ).getActiveResourcesInfo();
    expect(active.filter((name) => name === 'Timeout').length).toBeGreaterThanOrEqual(1);
    foreground.cancel();
    background.cancel();
  });

  it('rejects a sleep whose signal is already aborted without waiting', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(systemClock.sleep(60_000, controller.signal)).rejects.toBeDefined();
  });
});
