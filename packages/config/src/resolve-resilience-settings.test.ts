import { describe, expect, it } from 'vitest';
import { ConfigError } from './issues/config-error';
import { loadConfig } from './load/load-config';
import { resolveResilienceSettings } from './resolve-resilience-settings';

function configWith(llm: Record<string, unknown>) {
  return loadConfig({ config: llm, env: {}, dotenv: false, overridesFile: false });
}

const openai = (fields: Record<string, unknown> = {}) => ({
  type: 'openai',
  api_key: 'sk-test',
  ...fields,
});

describe('resolveResilienceSettings', () => {
  it('puts the provider retry, breaker and timeouts over the global ones key by key', async () => {
    const config = await configWith({
      retry: { max_attempts: 5, base_delay: 100, jitter: 'none' },
      circuit_breaker: { failure_threshold: 5, cooldown: 1000 },
      timeouts: { request: 10_000, total: 60_000 },
      providers: {
        openai: openai({
          retry: { base_delay: 250 },
          circuit_breaker: { cooldown: 5000 },
          timeouts: { request: 2000 },
        }),
      },
    });
    expect(resolveResilienceSettings(config, 'openai')).toEqual({
      retry: { max_attempts: 5, base_delay: 250, jitter: 'none' },
      circuitBreaker: { failure_threshold: 5, cooldown: 5000 },
      timeouts: { request: 2000, total: 60_000 },
      modelRateLimits: {},
    });
  });

  it('turns max_retries into max_attempts = max_retries + 1, over the global max_attempts', async () => {
    const config = await configWith({
      retry: { max_attempts: 5 },
      providers: { openai: openai({ max_retries: 2 }) },
    });
    expect(resolveResilienceSettings(config, 'openai').retry).toEqual({ max_attempts: 3 });
  });

  it('lets the provider retry.max_attempts win over its max_retries', async () => {
    const config = await configWith({
      providers: { openai: openai({ max_retries: 2, retry: { max_attempts: 7 } }) },
    });
    expect(resolveResilienceSettings(config, 'openai').retry.max_attempts).toBe(7);
  });

  it('allows zero retries: max_retries = 0 is one attempt', async () => {
    const config = await configWith({ providers: { openai: openai({ max_retries: 0 }) } });
    expect(resolveResilienceSettings(config, 'openai').retry.max_attempts).toBe(1);
  });

  it('uses the provider rate_limit instead of the global one, not merged with it', async () => {
    const config = await configWith({
      rate_limit: { requests_per_second: 10, tokens_per_minute: 1000 },
      providers: {
        openai: openai({ rate_limit: { requests_per_minute: 60 } }),
        claude: { type: 'claude', api_key: 'sk-test' },
      },
    });
    expect(resolveResilienceSettings(config, 'openai').rateLimit).toEqual({
      requests_per_minute: 60,
    });
    expect(resolveResilienceSettings(config, 'claude').rateLimit).toEqual({
      requests_per_second: 10,
      tokens_per_minute: 1000,
    });
  });

  it('has no rate limit when neither the provider nor [llm] sets one', async () => {
    const config = await configWith({ providers: { openai: openai() } });
    expect(resolveResilienceSettings(config, 'openai')).not.toHaveProperty('rateLimit');
  });

  it("lists each model's own rate limit by name and finds one model's by name or model_id", async () => {
    const config = await configWith({
      providers: {
        openai: openai({
          models: {
            'gpt-4o': { rate_limit: { requests_per_second: 1 } },
            fast: { model_id: 'gpt-4o-mini', rate_limit: { tokens_per_minute: 500 } },
            'gpt-4.1': {},
          },
        }),
      },
    });
    const settings = resolveResilienceSettings(config, 'openai', 'gpt-4o-mini');
    expect(settings.modelRateLimits).toEqual({
      'gpt-4o': { requests_per_second: 1 },
      fast: { tokens_per_minute: 500 },
    });
    expect(settings.modelRateLimit).toEqual({ tokens_per_minute: 500 });
    expect(resolveResilienceSettings(config, 'openai', 'gpt-4.1')).not.toHaveProperty(
      'modelRateLimit',
    );
  });

  it('rejects a provider the configuration does not have with a ConfigError naming the configured ones', async () => {
    const config = await configWith({ providers: { openai: openai() } });
    const error = (() => {
      try {
        resolveResilienceSettings(config, 'nope');
      } catch (caught) {
        return caught;
      }
    })();
    expect(ConfigError.is(error)).toBe(true);
    expect((error as ConfigError).issues).toEqual([
      {
        path: 'llm.providers.nope',
        message: 'provider "nope" is not configured (configured: openai)',
      },
    ]);
  });
});
