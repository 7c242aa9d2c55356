import { describe, expect, it } from 'vitest';
import { loadConfig } from './load/load-config';
import { redactConfig } from './redact-config';

const env = {
  OPENAI_API_KEY: 'sk-openai-very-secret',
  GATEWAY_TOKEN: 'gw-token-very-secret',
  PROXY_PASSWORD: 'proxy-pass-very-secret',
};

async function printed(config: Record<string, unknown>): Promise<string> {
  return JSON.stringify(redactConfig(await loadConfig({ config, env, dotenv: false })));
}

describe('redactConfig', () => {
  it('replaces api keys and keeps everything else readable', async () => {
    const text = await printed({
      providers: [
        {
          name: 'openai',
          type: 'openai',
          timeout: 1234,
          models: [{ name: 'gpt-4o', max_tokens: 99 }],
        },
      ],
    });
    expect(text).not.toContain('sk-openai-very-secret');
    expect(text).toContain('"api_key":"***"');
    expect(text).toContain('"timeout":1234');
    expect(text).toContain('"max_tokens":99');
  });

  it('replaces credential headers and query parameters but not harmless ones', async () => {
    const text = await printed({
      providers: [
        {
          name: 'gw',
          type: 'generic',
          headers: {
            Authorization: 'Bearer abcdef123',
            'Ocp-Apim-Subscription-Key': 'sub-key-123',
            'X-Title': 'demo',
          },
          query: { code: 'q', key: 'query-key-123' },
        },
      ],
    });
    expect(text).not.toMatch(/abcdef123|sub-key-123|query-key-123/);
    expect(text).toContain('"X-Title":"demo"');
  });

  it('replaces values of secret environment variables wherever they were substituted', async () => {
    const text = await printed({
      providers: [
        {
          name: 'gw',
          type: 'generic',
          base_url: 'https://gateway.example.com/${GATEWAY_TOKEN}/v1',
          headers: { 'X-Trace': 'id-${GATEWAY_TOKEN}' },
        },
      ],
    });
    expect(text).not.toContain('gw-token-very-secret');
    expect(text).toContain('https://gateway.example.com/***/v1');
  });

  it('replaces passwords written in URLs', async () => {
    const text = await printed({
      providers: [
        {
          name: 'gw',
          type: 'generic',
          base_url: 'https://user:${PROXY_PASSWORD}@proxy.example.com/v1',
        },
      ],
    });
    expect(text).not.toContain('proxy-pass-very-secret');
    expect(text).toContain('https://user:***@proxy.example.com/v1');
  });

  it('does not change the configuration it is given', async () => {
    const config = await loadConfig({
      config: { providers: [{ name: 'openai', type: 'openai' }] },
      env,
      dotenv: false,
    });
    redactConfig(config);
    expect(config.providers[0]?.api_key).toBe('sk-openai-very-secret');
  });
});
