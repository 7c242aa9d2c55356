import { describe, expect, it } from 'vitest';
import { collectSecrets } from './openai-compatible-provider';

const base = {
  name: 'openai',
  type: 'openai',
  models: [],
  enabled: true,
  timeout: 30000,
  max_retries: 3,
};

describe('collectSecrets', () => {
  it('collects the key and secret-looking header and query values', () => {
    const secrets = collectSecrets({
      ...base,
      api_key: 'sk-one',
      headers: { 'x-api-key': 'two', 'x-trace': 'visible' },
      query: { token: 'three', region: 'eu' },
    });
    expect(secrets).toEqual(['sk-one', 'two', 'three']);
  });

  it('returns nothing for a config without secrets', () => {
    expect(collectSecrets(base)).toEqual([]);
  });
});
