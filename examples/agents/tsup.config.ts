import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

export default defineConfig(
  libraryBuild({
    entry: ['src/weather-agent.ts', 'src/structured-extraction.ts', 'src/chat-with-memory.ts'],
    format: ['esm'],
    dts: false,
  }),
);
