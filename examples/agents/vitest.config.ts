import { defineConfig } from 'vitest/config';
import { vitestShared } from '../../vitest.shared.mjs';

export default defineConfig(vitestShared({ kind: 'package', root: import.meta.dirname }));
