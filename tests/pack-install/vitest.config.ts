import { defineConfig } from 'vitest/config';

// Packing and installing takes tens of seconds; the tests share one installed project.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 180_000 } });
