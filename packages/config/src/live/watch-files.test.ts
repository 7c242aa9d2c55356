import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitUntil } from './__tests__/config-directory';
import { watchFiles } from './watch-files';

describe('watchFiles', () => {
  it('reports changes to watched files only, with their kind', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'llm-config-watch-'));
    const seen: string[] = [];
    const watcher = watchFiles<string>({
      onChange: (kind) => seen.push(kind),
      onError: (error) => seen.push(`error: ${error.message}`),
    });
    watcher.setFiles(
      new Map([
        [join(directory, 'llm.toml'), 'file'],
        [join(directory, 'prices.json'), 'price_file'],
      ]),
    );
    writeFileSync(join(directory, 'unrelated.txt'), 'x');
    writeFileSync(join(directory, 'prices.json'), '{}');
    await waitUntil(() => seen.includes('price_file'));
    expect(seen.every((kind) => kind === 'price_file')).toBe(true);
    watcher.close();
  });

  it('reports an error for a directory it cannot watch', () => {
    const errors: string[] = [];
    const watcher = watchFiles<string>({
      onChange: () => undefined,
      onError: (error) => errors.push(error.message),
    });
    watcher.setFiles(new Map([['/no/such/directory/llm.toml', 'file']]));
    expect(errors).toEqual(['cannot watch /no/such/directory for changes to llm.toml']);
    watcher.close();
  });
});
