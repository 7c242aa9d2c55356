// Realistic call-lifecycle payloads for the subscribers' tests, each field overridable.
import type { AttemptEndEvent, CallEndEvent } from '@llm/core';

/** A successful, non-streaming chat call of one attempt. */
export function callEnd(overrides: Partial<CallEndEvent> = {}): CallEndEvent {
  return {
    call_id: 'c',
    request_id: 'c',
    operation: 'chat',
    stream: false,
    provider: 'p',
    model: 'm',
    outcome: 'success',
    duration_ms: 5,
    attempts: 1,
    ...overrides,
  };
}

/** The first attempt of a call, failed with a 503. */
export function failedAttemptEnd(overrides: Partial<AttemptEndEvent> = {}): AttemptEndEvent {
  return {
    call_id: 'c',
    request_id: 'c',
    attempt: 1,
    provider: 'openai',
    model: 'gpt-4o',
    outcome: 'server_error',
    error_type: 'server_error',
    status: 503,
    duration_ms: 4,
    ...overrides,
  };
}
