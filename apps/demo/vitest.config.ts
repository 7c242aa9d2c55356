import { defineConfig } from 'vitest/config';

// The tour makes a dozen calls over loopback HTTP with retry backoffs; on a loaded machine that
// takes longer than vitest's default 5 s.
export default defineConfig({ test: { testTimeout: 30_000 } });
