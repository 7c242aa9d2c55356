import { describe, expect, it } from 'vitest';
import { TypedEventEmitter } from './typed-event-emitter';

interface TestEvents {
  tick: { count: number };
}

describe('TypedEventEmitter', () => {
  it('delivers a payload to every listener of the event', () => {
    const emitter = new TypedEventEmitter<TestEvents>();
    const seen: number[] = [];
    emitter.on('tick', (payload) => seen.push(payload.count));
    emitter.on('tick', (payload) => seen.push(payload.count * 10));
    emitter.emit('tick', { count: 2 });
    expect(seen).toEqual([2, 20]);
  });

  it('stops delivering after the returned unsubscribe is called', () => {
    const emitter = new TypedEventEmitter<TestEvents>();
    const seen: number[] = [];
    const unsubscribe = emitter.on('tick', (payload) => seen.push(payload.count));
    unsubscribe();
    emitter.emit('tick', { count: 1 });
    expect(seen).toEqual([]);
    expect(emitter.listenerCount('tick')).toBe(0);
  });

  it('keeps delivering to later listeners when one throws', () => {
    const emitter = new TypedEventEmitter<TestEvents>();
    const seen: number[] = [];
    emitter.on('tick', () => {
      throw new Error('observer bug');
    });
    emitter.on('tick', (payload) => seen.push(payload.count));
    expect(() => emitter.emit('tick', { count: 3 })).not.toThrow();
    expect(seen).toEqual([3]);
  });

  it('tells whether a listener is subscribed', () => {
    const emitter = new TypedEventEmitter<TestEvents>();
    const listener = () => undefined;
    expect(emitter.has('tick', listener)).toBe(false);
    const unsubscribe = emitter.on('tick', listener);
    expect(emitter.has('tick', listener)).toBe(true);
    unsubscribe();
    expect(emitter.has('tick', listener)).toBe(false);
  });
});
