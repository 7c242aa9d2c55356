import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

// `run-cli` is also built on its own so docs/scripts/check-docs.mjs can run commands in process.

export default defineConfig(
  libraryBuild({
    entry: ['src/index.ts', 'src/run-cli.ts'],
    format: ['esm'],
    dts: false,
  }),
);
