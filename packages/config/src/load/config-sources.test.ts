import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfigFile } from './config-sources';

describe('findConfigFile', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'llm-config-find-'));

  it('prefers --config, resolved against cwd, even when it does not exist', () => {
    expect(
      findConfigFile({ explicit: 'custom.toml', env: { LLM_CONFIG: '/etc/llm.toml' }, cwd }),
    ).toBe(join(cwd, 'custom.toml'));
  });

  it('uses $LLM_CONFIG next', () => {
    expect(findConfigFile({ env: { LLM_CONFIG: 'from-env.toml' }, cwd })).toBe(
      join(cwd, 'from-env.toml'),
    );
  });

  it('falls back to ./llm.toml when it exists', () => {
    const directory = mkdtempSync(join(tmpdir(), 'llm-config-find-default-'));
    expect(findConfigFile({ env: {}, cwd: directory })).toBeUndefined();
    writeFileSync(join(directory, 'llm.toml'), '');
    expect(findConfigFile({ env: {}, cwd: directory })).toBe(join(directory, 'llm.toml'));
  });
});
