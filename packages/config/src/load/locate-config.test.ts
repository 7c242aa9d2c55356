import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { locateConfigFile, userConfigFile } from './locate-config';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'llm-locate-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('locateConfigFile', () => {
  it('takes --config, then $LLM_CONFIG, then ./llm.toml, then the user-level file', async () => {
    const cwd = path.join(directory, 'project');
    const xdg = path.join(directory, 'xdg');
    await mkdir(path.join(xdg, 'llm'), { recursive: true });
    await mkdir(cwd);
    const env = { XDG_CONFIG_HOME: xdg };
    expect(locateConfigFile({ env, cwd })).toBeUndefined();
    await writeFile(path.join(xdg, 'llm', 'llm.toml'), '[llm]\n');
    expect(locateConfigFile({ env, cwd })).toEqual({
      file: path.join(xdg, 'llm', 'llm.toml'),
      origin: 'user config',
    });
    await writeFile(path.join(cwd, 'llm.toml'), '[llm]\n');
    expect(locateConfigFile({ env, cwd })).toEqual({
      file: path.join(cwd, 'llm.toml'),
      origin: 'working directory',
    });
    expect(locateConfigFile({ env: { ...env, LLM_CONFIG: 'other.toml' }, cwd })).toEqual({
      file: path.join(cwd, 'other.toml'),
      origin: 'LLM_CONFIG',
    });
    expect(locateConfigFile({ env, cwd, explicit: 'given.toml' })).toEqual({
      file: path.join(cwd, 'given.toml'),
      origin: '--config',
    });
  });

  it('puts the user-level file under ~/.config without XDG_CONFIG_HOME', () => {
    expect(userConfigFile({ HOME: '/home/ada' })).toBe('/home/ada/.config/llm/llm.toml');
    expect(userConfigFile({ XDG_CONFIG_HOME: '/cfg', HOME: '/home/ada' })).toBe(
      '/cfg/llm/llm.toml',
    );
  });
});
