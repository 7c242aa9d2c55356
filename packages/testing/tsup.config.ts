import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

// `cli` keeps the name `dist/cli.js` that `bin/llm-sim.mjs` loads.
export default defineConfig(
  libraryBuild({ entry: { index: 'src/index.ts', cli: 'src/cli/llm-sim.ts' } }),
);
