import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redactConfig } from '../redact-config';
import { loadConfig } from './load-config';

function configFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'llm-config-api-keys-')), 'llm.toml');
  writeFileSync(file, text);
  return file;
}

const POOL = `[llm.routing]
health_check_interval = 30000

[llm.providers.openai]
type = "openai"
api_keys = ["\${KEY_1}", "\${KEY_2}"]
key_cooldown = "\${COOLDOWN:-5000}"
`;
const env = { KEY_1: 'sk-first-key-000001', KEY_2: 'sk-second-key-000002' };

describe('several API keys per provider', () => {
  it('reads api_keys with ${VAR} substitution, key_cooldown and health_check_interval', async () => {
    const config = await loadConfig({ configFile: configFile(POOL), env, dotenv: false });
    expect(config.providers[0]).toMatchObject({
      api_keys: [env.KEY_1, env.KEY_2],
      key_cooldown: 5000,
    });
    expect(config.routing?.health_check_interval).toBe(30000);
  });

  it('prints the config with every key of the list hidden', async () => {
    const config = await loadConfig({ configFile: configFile(POOL), env, dotenv: false });
    const printed = JSON.stringify(redactConfig(config));
    expect(printed).not.toContain(env.KEY_1);
    expect(printed).not.toContain(env.KEY_2);
    expect(printed).toContain('"api_keys":["***","***"]');
  });

  it('refuses an empty list and an empty key, naming the key', async () => {
    for (const keys of ['[]', '[""]']) {
      const text = `[llm.providers.openai]\ntype = "openai"\napi_keys = ${keys}\n`;
      await expect(
        loadConfig({ configFile: configFile(text), env: {}, dotenv: false }),
      ).rejects.toThrow(/api_keys/);
    }
  });
});
