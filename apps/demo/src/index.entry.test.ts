import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';

const demoDirectories = () =>
  new Set(readdirSync(os.tmpdir()).filter((name) => name.startsWith('llm-demo-')));

const argv = process.argv;

afterEach(() => {
  process.argv = argv;
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('the demo entry point', () => {
  it('runs the demo on import, writing it to stdout, removes its temporary folder and leaves the exit code at success', async () => {
    let output = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((text: string | Uint8Array) => {
      output += String(text);
      return true;
    });
    const stderr = vi.spyOn(process.stderr, 'write');
    const before = demoDirectories();
    // The entry reads the command line; vitest's own arguments are not the demo's.
    process.argv = [argv[0]!, 'index.js'];
    await import('./index');
    let created: string | undefined;
    await vi.waitFor(() => {
      created = [...demoDirectories()].find((name) => !before.has(name));
      expect(created).toBeDefined();
    }, 5_000);
    await vi.waitFor(() => expect(output).toMatch(/llm_fallbacks_total/), {
      timeout: 15_000,
      interval: 20,
    });
    expect(output).toContain('Simulator listening on http://127.0.0.1:');
    expect(output).toContain('The capital of France is Paris.');
    expect(stderr).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(demoDirectories().has(created!)).toBe(false), {
      timeout: 5_000,
    });
    expect(process.exitCode ?? 0).toBe(0);
  }, 30_000);

  it('runs as `pnpm demo` runs it: the built dist/index.js in its own node process, every section passing', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [path.join(import.meta.dirname, '../dist/index.js')],
      { timeout: 25_000 },
    );
    expect(stderr).toBe('');
    expect(stdout).toContain('  openai/gpt-4o-mini: A red square on a white background.');
    expect(stdout).toContain('11. The Prometheus text for the calls the demo made');
    expect(stdout).not.toContain('section failed');
  }, 30_000);
});
