import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '@llm/core';
import { seededRandom } from '@llm/testing';
import { loadConfig } from '@llm/config';
import type { CircuitState } from '@llm/retry';
import type { ProviderEntry } from './provider-runtime';
import { createSnapshotRouter } from './route-call';

const TOML = `
[llm.providers.openai]
type = "openai"
api_key = "sk-test"

[llm.providers.openai.models.gpt-4o-mini]

[llm.providers.azure]
type = "azure"
endpoint = "https://example.openai.azure.com"
api_key = "azure-test"

[llm.providers.azure.models.gpt-4o-mini]

[llm.models.fast]
strategy = "weighted"
deployments = [
  { provider = "openai", model = "gpt-4o-mini", weight = 3 },
  { provider = "azure", model = "gpt-4o-mini", weight = 1 },
]
`;

/** Provider entries as far as the router reads them: each pipeline's breaker state. */
function entries(open: ReadonlySet<string> = new Set()): Map<string, ProviderEntry> {
  const entry = (name: string) =>
    ({
      pipeline: {
        breakerStateName: (model?: string): CircuitState['state'] =>
          open.has(`${name}/${model}`) ? 'open' : 'closed',
      },
    }) as unknown as ProviderEntry;
  return new Map([
    ['openai', entry('openai')],
    ['azure', entry('azure')],
  ]);
}

async function config() {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'llm-route-call-'));
  try {
    const file = path.join(directory, 'llm.toml');
    await writeFile(file, TOML);
    return await loadConfig({ configFile: file, env: {}, dotenv: false, overridesFile: false });
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

describe('the snapshot router built from a TOML config', () => {
  it('sends 75% ± 5 points of 4,000 weighted 3:1 decisions to the weight-3 deployment', async () => {
    const router = createSnapshotRouter(await config(), entries(), {
      clock: createManualClock(0),
      random: seededRandom(42),
    });
    let openai = 0;
    for (let call = 0; call < 4_000; call++)
      if (router.plan('fast').candidates[0]!.provider === 'openai') openai++;
    expect(openai / 4_000).toBeGreaterThanOrEqual(0.7);
    expect(openai / 4_000).toBeLessThanOrEqual(0.8);
  });

  it('starts with a healthy deployment while another one’s circuit is open', async () => {
    const router = createSnapshotRouter(await config(), entries(new Set(['openai/gpt-4o-mini'])), {
      clock: createManualClock(0),
      random: seededRandom(7),
    });
    for (let call = 0; call < 50; call++)
      expect(router.plan('fast').first()).toMatchObject({
        candidate: { provider: 'azure', model: 'gpt-4o-mini' },
      });
  });
});
