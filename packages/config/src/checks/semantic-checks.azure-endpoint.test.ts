import { describe, expect, it } from 'vitest';
import { checkAzureEndpoint } from './semantic-checks';
import { contextFor } from './__tests__/check-context';

describe('checkAzureEndpoint', () => {
  it('requires an endpoint for an enabled azure provider', () => {
    expect(
      checkAzureEndpoint(contextFor({ providers: { azure: { type: 'azure' } } }))[0]?.path,
    ).toEqual(['llm', 'providers', 'azure', 'endpoint']);
  });

  it('accepts an endpoint, a base_url, or a disabled provider', () => {
    const providers = {
      a: { type: 'azure', endpoint: 'https://r.openai.azure.com' },
      b: { type: 'azure', base_url: 'http://x' },
      c: { type: 'azure', enabled: false },
    };
    expect(checkAzureEndpoint(contextFor({ providers }))).toEqual([]);
  });
});
