import { LLMError } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { readWireSseData } from '../__tests__/wire';
import { contentFilterError, filteredCategories } from './map-openai-error';

const results = {
  hate: { filtered: false, severity: 'safe' },
  jailbreak: { filtered: true, detected: true },
  violence: { filtered: true, severity: 'medium' },
};

describe('filteredCategories', () => {
  it('names the categories marked filtered', () => {
    expect(filteredCategories(results)).toEqual(['jailbreak', 'violence']);
  });

  it('finds nothing filtered in the recorded Azure prompt filter results', () => {
    const first = readWireSseData<{ prompt_filter_results: unknown[] }>(
      'azure/chat-stream-model-router.sse',
    )[0]!;
    expect(filteredCategories(first.prompt_filter_results)).toEqual([]);
  });

  it('reads prompt filter results given as a list per prompt', () => {
    expect(filteredCategories([{ prompt_index: 0, content_filter_results: results }])).toEqual([
      'jailbreak',
      'violence',
    ]);
  });
});

describe('contentFilterError', () => {
  it('is a non-retryable invalid_request error that carries the categories and the raw results', () => {
    const error = contentFilterError({ providerName: 'azure', source: 'completion', results });
    expect(LLMError.is(error)).toBe(true);
    expect(error).toMatchObject({
      type: 'invalid_request',
      retryable: false,
      providerName: 'azure',
    });
    expect(error.details).toEqual({
      reason: 'content_filter',
      source: 'completion',
      categories: ['jailbreak', 'violence'],
      content_filter_results: results,
    });
    expect(error.message).toContain('jailbreak, violence');
  });

  it('reads the categories under an Azure innererror content_filter_result', () => {
    const error = contentFilterError({
      providerName: 'azure',
      source: 'prompt',
      results: { code: 'ResponsibleAIPolicyViolation', content_filter_result: results },
    });
    expect(error.details?.['categories']).toEqual(['jailbreak', 'violence']);
  });
});
