import { defineConfig, mergeConfig } from 'vitest/config';
import { vitestShared } from '../../vitest.shared.mjs';

// The tour makes a dozen calls over loopback HTTP with retry backoffs; on a loaded machine that
// takes longer than vitest's default 5 s.
export default defineConfig(
  mergeConfig(vitestShared({ kind: 'app', root: import.meta.dirname }), {
    test: { testTimeout: 30_000 },
  }),
);
