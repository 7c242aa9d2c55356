import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

const shared = libraryBuild({});

export default defineConfig({
  ...shared,
  // The SDK is loaded with import() on first use. In the CJS build that import() becomes require(),
  // so a CommonJS application gets the SDK's CommonJS entry (one copy, the classes it sees itself).
  esbuildOptions(options, context) {
    if (context.format === 'cjs')
      options.supported = { ...options.supported, 'dynamic-import': false };
  },
});
