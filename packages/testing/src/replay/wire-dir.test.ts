import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledWireDir, resolveWireDir } from './wire-dir';

// Every folder a test writes is its own mkdtemp folder, removed after the file's tests.
const temporaryRoots: string[] = [];
afterAll(() => {
  for (const root of temporaryRoots) rmSync(root, { recursive: true, force: true });
});

function temporaryRoot(prefix: string): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  temporaryRoots.push(root);
  return root;
}

function tree(): { root: string; nested: string; wire: string } {
  const root = temporaryRoot('llm-sim-wire-');
  const wire = join(root, 'fixtures', 'wire');
  const nested = join(root, 'dist', 'chunks');
  mkdirSync(wire, { recursive: true });
  mkdirSync(nested, { recursive: true });
  return { root, nested, wire };
}

describe('resolveWireDir', () => {
  it('uses the explicit folder first', () => {
    const { nested } = tree();
    expect(
      resolveWireDir({
        explicit: '/somewhere/wire',
        environment: { LLM_WIRE_DIR: '/env/wire' },
        bundledFrom: nested,
      }),
    ).toBe('/somewhere/wire');
  });

  it('uses $LLM_WIRE_DIR when no folder is given', () => {
    const { nested } = tree();
    expect(
      resolveWireDir({ environment: { LLM_WIRE_DIR: '/env/wire' }, bundledFrom: nested }),
    ).toBe('/env/wire');
  });

  it('falls back to the fixtures/wire folder the package ships, above the module', () => {
    const { nested, wire } = tree();
    expect(resolveWireDir({ environment: {}, bundledFrom: nested })).toBe(wire);
  });

  it('gives undefined when no fixtures folder is above the module', () => {
    const root = temporaryRoot('llm-sim-none-');
    expect(resolveWireDir({ environment: {}, bundledFrom: root })).toBeUndefined();
  });

  it('finds the recordings kept in this repository by default, whatever the cwd', () => {
    const directory = bundledWireDir();
    expect(directory).toMatch(/packages[\\/]testing[\\/]fixtures[\\/]wire$/);
    expect(existsSync(join(directory!, 'openai', 'chat-stream-text.sse'))).toBe(true);
  });
});
