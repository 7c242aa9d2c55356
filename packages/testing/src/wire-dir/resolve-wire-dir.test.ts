import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveWireDir } from './resolve-wire-dir';

function tree(): { root: string; nested: string; wire: string } {
  const root = mkdtempSync(join(tmpdir(), 'llm-sim-wire-'));
  const wire = join(root, 'shared', 'wire');
  const nested = join(root, 'main', 'packages', 'testing');
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
        cwd: nested,
      }),
    ).toBe('/somewhere/wire');
  });

  it('uses $LLM_WIRE_DIR when no folder is given', () => {
    const { nested } = tree();
    expect(resolveWireDir({ environment: { LLM_WIRE_DIR: '/env/wire' }, cwd: nested })).toBe(
      '/env/wire',
    );
  });

  it('finds shared/wire beside an ancestor of the cwd', () => {
    const { nested, wire } = tree();
    expect(resolveWireDir({ environment: {}, cwd: nested })).toBe(wire);
  });

  it('gives undefined when no ancestor holds shared/wire', () => {
    const root = mkdtempSync(join(tmpdir(), 'llm-sim-none-'));
    expect(resolveWireDir({ environment: {}, cwd: root })).toBeUndefined();
  });
});
