import type { Options } from 'tsup';

/** The one build every package shares: ESM + CJS + declarations, for Node 20. */
export function libraryBuild(overrides: Options = {}): Options {
  return {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'node',
    shims: true,
    ...overrides,
  };
}
