import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDotenvFiles } from './dotenv-files';

describe('loadDotenvFiles', () => {
  const root = mkdtempSync(join(tmpdir(), 'llm-config-dotenv-'));
  const configDirectory = join(root, 'config');
  mkdirSync(configDirectory);
  writeFileSync(join(root, '.env'), 'SHARED=from-cwd\nONLY_CWD=cwd\n');
  writeFileSync(join(configDirectory, '.env'), 'SHARED=from-config-dir\nREAL=from-file\n');

  it('lets the config directory .env win over the working directory .env', () => {
    const result = loadDotenvFiles([configDirectory, root], {});
    expect(result.env).toMatchObject({ SHARED: 'from-config-dir', ONLY_CWD: 'cwd' });
    expect(result.files).toEqual([join(configDirectory, '.env'), join(root, '.env')]);
  });

  it('never overrides a variable set in the real environment', () => {
    expect(loadDotenvFiles([configDirectory], { REAL: 'from-env' }).env.REAL).toBe('from-env');
  });

  it('skips directories without a .env file', () => {
    const empty = mkdtempSync(join(tmpdir(), 'llm-config-no-dotenv-'));
    expect(loadDotenvFiles([empty], { A: '1' })).toEqual({
      env: { A: '1' },
      dotenvValues: {},
      files: [],
      issues: [],
    });
  });
});
