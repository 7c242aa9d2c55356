import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

export default defineConfig({
  ...libraryBuild({ entry: { index: 'src/index.ts', zod: 'src/schemas/zod-subset.ts' } }),
  // zod is bundled so that only the parts `src/schemas/zod-subset.ts` names are loaded (not its
  // ~50 locale modules); the declarations still import zod's types from the `zod` dependency.
  noExternal: ['zod'],
  // `@llm/core/zod` is that part, for our other packages. Both entries share one chunk of zod and
  // of our schemas, in the CJS build too: two copies would double the memory.
  splitting: true,
  // undici is loaded with import() on first use; in the CJS build that becomes require().
  esbuildOptions(options, context) {
    if (context.format === 'cjs')
      options.supported = { ...options.supported, 'dynamic-import': false };
  },
});
