import { readdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { fixtureFiles, wireDir } from '../__tests__/read-fixture';

// The replay tests enumerate these groups; a recording outside them would go untested.
const REPLAYED_GROUPS: Array<[folder: string, extension: string]> = [
  ['openai', '.sse'],
  ['openai', '.json'],
  ['anthropic', '.sse'],
  ['anthropic', '.json'],
  ['azure', '.sse'],
];

it('replays every recorded file under the wire folder in some test', () => {
  const allFiles = readdirSync(wireDir(), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `${entry.parentPath.slice(wireDir().length + 1)}/${entry.name}`)
    .sort();
  const replayed = REPLAYED_GROUPS.flatMap(([folder, extension]) =>
    fixtureFiles(folder, extension),
  ).sort();
  expect(allFiles.length).toBeGreaterThan(0);
  expect(replayed).toEqual(allFiles);
});
