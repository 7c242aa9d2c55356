import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LLMError } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { builtInCatalogPath, readPriceCatalogFile } from './price-catalog';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');

describe('the price catalog data file', () => {
  it('is the generated JSON file the package ships, found through the package name', () => {
    expect(builtInCatalogPath()).toBe(join(packageRoot, 'generated/price-catalog.json'));
  });

  it('refuses a catalog file that cannot be read with a typed error naming the file', () => {
    const missing = join(packageRoot, 'generated/no-such-catalog.json');
    let thrown: unknown;
    try {
      readPriceCatalogFile(missing);
    } catch (error) {
      thrown = error;
    }
    expect(LLMError.is(thrown)).toBe(true);
    expect((thrown as LLMError).message).toContain(missing);
  });

  it.each([
    ['ESM', 'dist/index.js', 'import'],
    ['CJS', 'dist/index.cjs', 'require'],
  ])('is found from the %s build, and only read on the first lookup', (_format, entry, loader) => {
    // A fresh Node process counts the files it reads: importing must read no catalog file.
    const script = `
        const fs = require('node:fs');
        const reads = [];
        const original = fs.readFileSync;
        fs.readFileSync = (path, ...rest) => { reads.push(String(path)); return original(path, ...rest); };
        const load = ${loader === 'import' ? `() => import(${JSON.stringify(join(packageRoot, entry))})` : `async () => require(${JSON.stringify(join(packageRoot, entry))})`};
        load().then((usage) => {
          const atImport = reads.filter((path) => path.endsWith('price-catalog.json')).length;
          const size = usage.loadPriceCatalog().size;
          const afterLookup = reads.filter((path) => path.endsWith('price-catalog.json')).length;
          process.stdout.write(JSON.stringify({ atImport, size, afterLookup }));
        });
      `;
    const output = execFileSync(process.execPath, ['-e', script], { cwd: packageRoot });
    const result = JSON.parse(output.toString()) as Record<string, number>;
    expect(result['atImport']).toBe(0);
    expect(result['afterLookup']).toBe(1);
    expect(result['size']).toBeGreaterThan(2000);
  });
});
