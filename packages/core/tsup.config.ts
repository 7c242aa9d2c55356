import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

export default defineConfig({
  ...libraryBuild(),
  // undici is loaded with import() on first use; in the CJS build that becomes require().
  esbuildOptions(options, context) {
    if (context.format === 'cjs')
      options.supported = { ...options.supported, 'dynamic-import': false };
  },
});
