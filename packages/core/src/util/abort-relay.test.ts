import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { relayAbort } from './abort-relay';

describe('relayAbort', () => {
  it('aborts the relayed signal with the caller reason while linked', () => {
    const caller = new AbortController();
    const relay = relayAbort(caller.signal);
    expect(relay.signal.aborted).toBe(false);
    caller.abort('stop');
    expect(relay.signal.aborted).toBe(true);
    expect(relay.signal.reason).toBe('stop');
  });

  it('no longer follows the caller and leaves no listener on it once unlinked', () => {
    const caller = new AbortController();
    const relay = relayAbort(caller.signal);
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(1);
    relay.unlink();
    relay.unlink();
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    caller.abort();
    expect(relay.signal.aborted).toBe(false);
  });

  it('starts aborted, with the reason, for a caller signal already aborted', () => {
    const caller = new AbortController();
    caller.abort('early');
    const relay = relayAbort(caller.signal);
    expect(relay.signal.aborted).toBe(true);
    expect(relay.signal.reason).toBe('early');
    relay.unlink();
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
  });

  it('aborts on its own with its reason, leaving the caller as it was; without a caller too', () => {
    const caller = new AbortController();
    const relay = relayAbort(caller.signal);
    relay.abort('own');
    expect(relay.signal.reason).toBe('own');
    expect(caller.signal.aborted).toBe(false);
    const alone = relayAbort();
    expect(alone.signal.aborted).toBe(false);
    alone.abort('solo');
    alone.unlink();
    expect(alone.signal.reason).toBe('solo');
  });
});
