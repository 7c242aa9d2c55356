import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import type { ViteUserConfig } from 'vitest/config';

/** What a workspace member is: libraries under `packages/` or programs under `apps/`. */
export type WorkspaceKind = 'package' | 'app';

export interface CoverageThresholds {
  readonly lines: number;
  readonly statements: number;
  readonly functions: number;
  readonly branches: number;
}

/** The project bar: every library under `packages/`, and the looser one for `apps/`. */
export const COVERAGE_THRESHOLDS: Readonly<Record<WorkspaceKind, CoverageThresholds>> = {
  package: { lines: 90, statements: 90, functions: 90, branches: 85 },
  app: { lines: 80, statements: 80, functions: 80, branches: 80 },
};

export interface VitestSharedOptions {
  readonly kind: WorkspaceKind;
  /** The member's root directory (pass `import.meta.dirname`). */
  readonly root: string;
  /** A member that cannot meet the bar yet lowers it here, with a comment naming what is missing. */
  readonly thresholds?: Partial<CoverageThresholds>;
}

/**
 * Files that hold only types compile to nothing, so there is no line in them to cover; they are
 * found by compiling each source file rather than by a naming rule, so a new one is excluded
 * without anyone remembering to list it.
 */
export function findTypeOnlyFiles(root: string): string[] {
  const typeOnly: string[] = [];
  const walk = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('__') && entry.name !== 'generated') walk(path);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        if (emitsNothing(readFileSync(path, 'utf8'))) {
          typeOnly.push(relative(root, path).split(sep).join('/'));
        }
      }
    }
  };
  walk(join(root, 'src'));
  return typeOnly.sort();
}

function emitsNothing(source: string): boolean {
  const output = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    reportDiagnostics: false,
  }).outputText;
  return (
    output
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '')
      .replace(/export\s*\{\s*\};?/g, '')
      .trim() === ''
  );
}

/**
 * The one test setup every package and app shares: V8 coverage on every `vitest run`, a text
 * summary in the test output, `lcov` and `json-summary` under the member's `coverage/`, and the
 * thresholds that fail the run when coverage drops below them.
 */
export function vitestShared(options: VitestSharedOptions): ViteUserConfig {
  const entryFiles = options.kind === 'package' ? ['src/index.ts', 'src/internal.ts'] : [];
  return {
    test: {
      coverage: {
        enabled: true,
        provider: 'v8',
        reporter: ['text-summary', 'lcov', 'json-summary'],
        reportsDirectory: './coverage',
        include: ['src/**/*.ts'],
        exclude: [
          // tests, their helpers and fixtures
          'src/**/*.test.ts',
          'src/**/__tests__/**',
          'src/**/__fixtures__/**',
          // generated from data at build time (the price catalog)
          'src/generated/**',
          // a library's entry points only re-export
          ...entryFiles,
          ...findTypeOnlyFiles(options.root),
        ],
        thresholds: { ...COVERAGE_THRESHOLDS[options.kind], ...options.thresholds },
      },
    },
  };
}
