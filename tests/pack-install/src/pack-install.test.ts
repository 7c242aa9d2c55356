// The packages as a user gets them: each one packed with `pnpm pack` (workspace ranges become
// versions), then @llm/manager and @llm/providers-openai installed from the tarballs into a fresh
// npm project outside the workspace (third-party dependencies come from the npm registry). A chat
// against the simulator must work from plain ESM and from CommonJS, without the Claude SDK.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '@llm/testing';

const run = promisify(execFile);
const workspace = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * What `npm install @llm/manager @llm/providers-openai` would bring of ours, packed: those two and
 * every @llm package their `dependencies` reach (read from the manifests, so a new one is packed too).
 */
function packagesReachedFrom(roots: readonly string[]): string[] {
  const reached = new Set<string>();
  const visit = (name: string) => {
    if (reached.has(name)) return;
    reached.add(name);
    const manifest = JSON.parse(
      readFileSync(path.join(workspace, 'packages', name, 'package.json'), 'utf8'),
    ) as { dependencies?: Record<string, string> };
    for (const dependency of Object.keys(manifest.dependencies ?? {}))
      if (dependency.startsWith('@llm/')) visit(dependency.slice('@llm/'.length));
  };
  roots.forEach(visit);
  return [...reached];
}
const PACKED = packagesReachedFrom(['manager', 'providers-openai']);

/** pnpm as the test command runs it (`npm_execpath`), else through npx. */
function pnpm(args: string[], cwd: string) {
  const execPath = process.env['npm_execpath'];
  return execPath && /pnpm/.test(execPath)
    ? run(process.execPath, [execPath, ...args], { cwd })
    : run('npx', ['--yes', 'pnpm@10.34.8', ...args], { cwd });
}

const CONFIG = (baseURL: string) =>
  JSON.stringify({
    llm: {
      default_provider: 'openai',
      usage_data_dir: './usage',
      providers: {
        openai: {
          type: 'openai',
          api_key: 'sk-pack-install-123456',
          base_url: baseURL,
          models: { 'gpt-4o-mini': {} },
        },
      },
    },
  });

const ESM = (baseURL: string) => `import '@llm/providers-openai';
import { createLLMManager } from '@llm/manager';

const llm = await createLLMManager({ config: ${CONFIG(baseURL)} });
const answer = await llm.chatCompletion({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'hello from esm' }],
});
console.log(JSON.stringify({ content: answer.content, cost: answer.usage.cost }));
await llm.close();
`;

const CJS = (baseURL: string) => `require('@llm/providers-openai');
const { createLLMManager } = require('@llm/manager');

(async () => {
  const llm = await createLLMManager({ config: ${CONFIG(baseURL)} });
  const answer = await llm.chatCompletion({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'hello from cjs' }],
  });
  console.log(JSON.stringify({ content: answer.content, cost: answer.usage.cost }));
  await llm.close();
})();
`;

/**
 * What importing the manager and the provider loads, from CommonJS: zod is bundled into @llm/core
 * (without its locale modules), so no file of the `zod` package is read, and core's shared chunk is
 * loaded once for both of its entries. Then a user's own zod composes core's schemas.
 */
const CJS_LOADED = `require('@llm/providers-openai');
require('@llm/manager');
const ours = require('@llm/core/zod');
const loaded = Object.keys(require.cache);
const { z } = require('zod');
const { LLMMessageSchema } = require('@llm/core');
const parsed = z.array(LLMMessageSchema).safeParse([{ role: 'robot', content: 'hi' }]);
console.log(JSON.stringify({
  zodFiles: loaded.filter((file) => /[\\/]node_modules[\\/]zod[\\/]/.test(file)).length,
  coreFiles: loaded.filter((file) => /[\\/]@llm[\\/]core[\\/]dist[\\/]/.test(file)).map((file) => file.split(/[\\/]/).pop()).sort(),
  distinctCopy: ours.object !== z.object,
  issue: parsed.success ? null : { path: parsed.error.issues[0].path, message: parsed.error.issues[0].message },
}));
`;

/** The same from ESM, through a module hook that records every file loaded. */
const ESM_HOOK = `export async function load(url, context, next) {
  if (url.includes('/node_modules/zod/')) process.stderr.write('zod file ' + url + '\\n');
  return next(url, context);
}
`;
const ESM_LOADED = `import { register } from 'node:module';
register('./record-loads.mjs', import.meta.url);
await import('@llm/providers-openai');
await import('@llm/manager');
console.log('imported');
`;

let directory: string;
let project: string;
let simulator: Simulator;

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'llm-pack-install-'));
  const tarballs = path.join(directory, 'tarballs');
  project = path.join(directory, 'project');
  await mkdir(project, { recursive: true });
  for (const name of PACKED)
    await pnpm(['pack', '--pack-destination', tarballs], path.join(workspace, 'packages', name));
  const files = (await readdir(tarballs)).map((file) => path.join(tarballs, file));
  expect(files).toHaveLength(PACKED.length);
  await writeFile(
    path.join(project, 'package.json'),
    JSON.stringify({ name: 'pack-install-check', version: '1.0.0', private: true }),
  );
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files], {
    cwd: project,
  });
  simulator = await startSimulator();
}, 170_000);

afterAll(async () => {
  await simulator?.close();
  if (directory) await rm(directory, { recursive: true, force: true });
});

describe('the packed packages, installed with npm outside the workspace', () => {
  it('answers a chat from plain ESM', async () => {
    await writeFile(path.join(project, 'chat.mjs'), ESM(simulator.openaiBaseURL));
    const { stdout } = await run(process.execPath, ['chat.mjs'], { cwd: project });
    const answer = JSON.parse(stdout) as { content: string; cost: number };
    expect(answer.content).toBe('hello from esm');
    expect(answer.cost).toBeGreaterThan(0);
  });

  it('answers a chat from CommonJS', async () => {
    await writeFile(path.join(project, 'chat.cjs'), CJS(simulator.openaiBaseURL));
    const { stdout } = await run(process.execPath, ['chat.cjs'], { cwd: project });
    expect(JSON.parse(stdout)).toMatchObject({ content: 'hello from cjs' });
  });

  it('loads no file of the zod package, and one copy of core, at import (CommonJS)', async () => {
    await writeFile(path.join(project, 'loaded.cjs'), CJS_LOADED);
    const { stdout } = await run(process.execPath, ['loaded.cjs'], { cwd: project });
    const facts = JSON.parse(stdout) as {
      zodFiles: number;
      coreFiles: string[];
      distinctCopy: boolean;
      issue: { path: unknown[]; message: string } | null;
    };
    expect(facts.zodFiles).toBe(0);
    expect(facts.coreFiles.filter((file) => file.startsWith('chunk-'))).toHaveLength(1);
    expect(facts.coreFiles).toEqual(expect.arrayContaining(['index.cjs', 'zod.cjs']));
    expect(facts.distinctCopy).toBe(true);
    expect(facts.issue).toMatchObject({ path: [0, 'role'] });
    expect(facts.issue!.message).toMatch(/^Invalid option: expected one of "system"\|"user"/);
  });

  it('loads no file of the zod package at import (ESM)', async () => {
    await writeFile(path.join(project, 'record-loads.mjs'), ESM_HOOK);
    await writeFile(path.join(project, 'loaded.mjs'), ESM_LOADED);
    const { stdout, stderr } = await run(process.execPath, ['loaded.mjs'], { cwd: project });
    expect(stdout.trim()).toBe('imported');
    expect(stderr).not.toContain('zod file');
  });

  it('installs neither the Claude provider nor its SDK, and no workspace: range is left', async () => {
    const modules = path.join(project, 'node_modules');
    expect(existsSync(path.join(modules, '@llm', 'manager'))).toBe(true);
    expect(existsSync(path.join(modules, 'openai'))).toBe(true);
    expect(existsSync(path.join(modules, '@llm', 'providers-claude'))).toBe(false);
    expect(existsSync(path.join(modules, '@anthropic-ai', 'sdk'))).toBe(false);
    const { stdout } = await run('npm', ['ls', '--all', '--json'], { cwd: project });
    expect(stdout).not.toContain('workspace:');
  });
});
