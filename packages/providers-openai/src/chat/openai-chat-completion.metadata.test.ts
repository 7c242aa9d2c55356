import { describe, expect, it } from 'vitest';
import { buildResponseMetadata } from './openai-chat-completion';

describe('buildResponseMetadata', () => {
  it('keeps only the facts that are known', () => {
    expect(
      buildResponseMetadata({
        providerName: 'openai',
        providerType: 'openai',
        responseTime: 12,
        requestId: null,
      }),
    ).toEqual({
      provider_name: 'openai',
      provider_type: 'openai',
      response_time: 12,
    });
  });

  it('puts the served model and Azure filter results under extra and the raw usage beside them', () => {
    const metadata = buildResponseMetadata(
      {
        providerName: 'azure',
        providerType: 'azure',
        responseTime: 5,
        requestId: 'req_1',
      },
      {
        responseModel: 'gpt-5-nano-2025-08-07',
        promptFilterResults: [],
        rawUsage: { prompt_tokens: 1 },
        rawFinishReason: 'stop',
      },
    );
    expect(metadata).toMatchObject({
      request_id: 'req_1',
      raw_usage: { prompt_tokens: 1 },
      raw_finish_reason: 'stop',
      extra: { response_model: 'gpt-5-nano-2025-08-07', prompt_filter_results: [] },
    });
  });
});
