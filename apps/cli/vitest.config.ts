import { defineConfig } from 'vitest/config';
import { vitestShared } from '../../vitest.shared.mjs';

export default defineConfig(vitestShared({ kind: 'app', root: import.meta.dirname }));
