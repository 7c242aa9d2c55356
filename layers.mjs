// The dependency graph of the workspace, written down once. ESLint refuses an import that points
// upward (see CONVENTIONS.md §1); the root README draws the same graph.

/**
 * Which @llm packages each package's source may import. Apps and the root `bench/` package sit
 * above all of them and may import any.
 */
export const allowedImports = {
  core: [],
  // The capability floor: each imports core only.
  retry: ['core'],
  usage: ['core'],
  router: ['core'],
  // The agents' toolbox works against a narrow model interface; the manager composes it.
  tools: ['core'],
  // config reuses the router's zod schemas for [llm.routing] and [llm.models].
  config: ['core', 'router'],
  testing: [],
  'providers-openai': ['core'],
  'providers-claude': ['core'],
  'providers-generic': ['core', 'providers-openai'],
  // Telemetry and the response cache subscribe to the manager's events, declared by shape.
  telemetry: ['core'],
  cache: ['core'],
  manager: [
    'core',
    'retry',
    'usage',
    'config',
    'router',
    'tools',
    'providers-openai',
    'providers-claude',
    'providers-generic',
    'telemetry',
    'cache',
  ],
};

const allPackages = Object.keys(allowedImports);

export function layerRestrictions() {
  return allPackages
    .map((name) => {
      const allowed = new Set([...allowedImports[name], name]);
      const forbidden = allPackages.filter((other) => !allowed.has(other));
      return {
        files: [`packages/${name}/src/**/*.ts`],
        ignores: ['**/*.test.ts', '**/__tests__/**'],
        rules: {
          'no-restricted-imports': [
            'error',
            {
              patterns: [
                ...forbidden.map((other) => ({
                  group: [`@llm/${other}`, `@llm/${other}/*`],
                  message: `packages/${name} may not import @llm/${other}: it is not below it in the dependency graph (layers.mjs).`,
                })),
                ZOD_AT_RUNTIME,
              ],
            },
          ],
        },
      };
    })
    .concat({
      // The one file that imports zod itself: it names what core's bundled copy keeps.
      files: ['packages/core/src/schemas/zod-subset.ts'],
      rules: { 'no-restricted-imports': 'off' },
    });
}

/**
 * Our packages build schemas with `@llm/core/zod`, the one copy of zod bundled into core without
 * its locales; importing `zod` at run time would load a second copy and all of its locale modules.
 * Types may still come from `zod` (they are erased).
 */
const ZOD_AT_RUNTIME = {
  regex: '^zod(/.*)?$',
  allowTypeImports: true,
  message:
    "import zod's functions from '@llm/core/zod' (one bundled copy, no locale modules); only `import type` may name 'zod'.",
};
