import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packages = fileURLToPath(new URL('../../../packages/', import.meta.url));

interface Manifest {
  name: string;
  version: string;
  license?: string;
  private?: boolean;
  repository?: { url?: string; directory?: string };
  engines?: { node?: string };
  files?: string[];
  sideEffects?: boolean;
  exports?: Record<string, { import?: { types?: string }; require?: { types?: string } } | string>;
  publishConfig?: { access?: string };
}

const manifests = readdirSync(packages).map((name) => ({
  name,
  manifest: JSON.parse(readFileSync(`${packages}${name}/package.json`, 'utf8')) as Manifest,
}));

describe('every package.json under packages/ is publishable', () => {
  it.each(manifests)('$name', ({ name, manifest }) => {
    expect(manifest.name).toBe(`@llm/${name}`);
    expect(manifest.private).toBeUndefined();
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(manifest.license).toBe('MIT');
    expect(manifest.repository).toMatchObject({ directory: `packages/${name}` });
    expect(manifest.engines?.node).toBe('>=20');
    expect(manifest.files).toContain('dist');
    expect(manifest.publishConfig?.access).toBe('public');
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      // Data files (the package.json, the price catalog) are exported as they are, without types.
      if (subpath.endsWith('.json')) continue;
      expect(typeof target === 'object' && target.import?.types).toMatch(/\.d\.ts$/);
      expect(typeof target === 'object' && target.require?.types).toMatch(/\.d\.cts$/);
    }
  });
});
