import { LLMError, LLMErrorType } from '@llm/core';
import { describe, expect, it } from 'vitest';
import {
  attemptEndEvent,
  attemptError,
  errorAttempt,
  responseAttempt,
  timeToFirstChunk,
  type CallAttemptState,
} from './call-attempt';
import type { ProviderEntry } from './provider-runtime';

function attempt(fields: Partial<CallAttemptState> = {}): CallAttemptState {
  return {
    number: 2,
    entry: {} as ProviderEntry,
    provider: 'openai',
    model: 'gpt-4o-mini',
    startedAt: 1_000,
    ended: false,
    firstChunkAt: undefined,
    outcome: undefined,
    error: undefined,
    endedAt: undefined,
    usage: undefined,
    ...fields,
  };
}

const unavailable = new LLMError({
  type: LLMErrorType.SERVER_ERROR,
  message: 'Provider "openai" answered 503',
  statusCode: 503,
  retryable: true,
});

describe('how a response lists an attempt', () => {
  it('counts a running attempt until now and calls it a success until it has an outcome', () => {
    expect(responseAttempt(attempt(), 1_250)).toEqual({
      provider: 'openai',
      model: 'gpt-4o-mini',
      outcome: 'success',
      duration_ms: 250,
    });
  });

  it('gives a failed attempt its outcome, its own duration and the status it got', () => {
    const failed = attempt({ outcome: 'server_error', error: unavailable, endedAt: 1_100 });
    expect(responseAttempt(failed, 9_000)).toEqual({
      provider: 'openai',
      model: 'gpt-4o-mini',
      outcome: 'server_error',
      duration_ms: 100,
      status: 503,
    });
  });
});

describe('how a failed call lists an attempt', () => {
  it('names the error type, message and status of the attempt', () => {
    const failed = attempt({ outcome: 'server_error', error: unavailable, endedAt: 1_040 });
    expect(errorAttempt(failed, 9_000)).toEqual({
      attempt: 2,
      type: 'server_error',
      message: 'Provider "openai" answered 503',
      provider: 'openai',
      model: 'gpt-4o-mini',
      duration_ms: 40,
      statusCode: 503,
    });
  });

  it('calls an attempt without an error unknown, with an empty message', () => {
    expect(errorAttempt(attempt({ endedAt: 1_000 }), 9_000)).toMatchObject({
      type: 'unknown',
      message: '',
      duration_ms: 0,
    });
  });
});

describe('an attempt’s time to first chunk', () => {
  it('is undefined before the first chunk and the time since sending after it', () => {
    expect(timeToFirstChunk(undefined)).toBeUndefined();
    expect(timeToFirstChunk(attempt())).toBeUndefined();
    expect(timeToFirstChunk(attempt({ firstChunkAt: 1_030 }))).toBe(30);
  });
});

describe('the error an attempt ended with', () => {
  it('is the time budget’s own error when it aborted the signal, none for a caller’s abort', () => {
    const budget = new AbortController();
    budget.abort(unavailable);
    expect(attemptError(new Error('aborted'), budget.signal, 'openai')).toBe(unavailable);
    const caller = new AbortController();
    caller.abort(new Error('the user left'));
    expect(attemptError(new Error('aborted'), caller.signal, 'openai')).toBeUndefined();
  });

  it('is the thrown error as an LLMError of the provider while the signal is live', () => {
    const error = attemptError(unavailable, new AbortController().signal, 'openai');
    expect(LLMError.is(error)).toBe(true);
    expect(error?.type).toBe('server_error');
  });
});

describe('an attempt’s attempt-end event', () => {
  it('carries a failed attempt’s outcome, status and error type, and a stream’s time to first chunk', () => {
    const failed = attempt({
      ended: true,
      outcome: 'server_error',
      error: unavailable,
      endedAt: 1_300,
      firstChunkAt: 1_020,
    });
    expect(attemptEndEvent('call-1', 'request-1', failed, undefined)).toEqual({
      call_id: 'call-1',
      request_id: 'request-1',
      attempt: 2,
      provider: 'openai',
      model: 'gpt-4o-mini',
      outcome: 'server_error',
      duration_ms: 300,
      status: 503,
      error_type: 'server_error',
      ttfc_ms: 20,
    });
  });

  it('carries the answer of a successful non-streaming attempt by reference', () => {
    const answer = { content: 'Hi' } as never;
    const answered = attempt({ ended: true, outcome: 'success', endedAt: 1_050 });
    const event = attemptEndEvent('call-1', 'request-1', answered, answer);
    expect(event).toMatchObject({ outcome: 'success', duration_ms: 50 });
    expect(event.response).toBe(answer);
    expect(event).not.toHaveProperty('status');
  });
});
