// node --test docs/scripts/   (the test command runs the same check on every docs run: check-docs.mjs
// compiles the fixture with the docs' blocks and fails unless its wrong lines are reported)
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { markdownBlocks, sourceRegion } from './typescript-blocks.mjs';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./check-docs.mjs', import.meta.url));
const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url));

describe('check-docs.mjs', () => {
  it('fails on the broken fixture, naming the file and line of each wrong line', async () => {
    const failure = await run(process.execPath, [script, '--dir', fixtures]).then(
      () => assert.fail('the broken fixture passed'),
      (error) => error,
    );
    assert.equal(failure.code, 1);
    assert.match(
      failure.stderr,
      /^docs\/scripts\/__fixtures__\/broken-blocks\.md:14: error TS2551: Property 'contents' does not exist/m,
    );
    assert.match(
      failure.stderr,
      /^docs\/scripts\/__fixtures__\/broken-blocks\.md:21: the block differs from examples\/provider-echo\/src\/index\.ts#register: expected "  type: 'echo',"/m,
    );
  });

  it('passes on the docs, the fixture caught', async () => {
    const { stdout } = await run(process.execPath, [script]);
    assert.match(stdout, /TypeScript blocks identical to their examples, \d+ type-checked/);
  });
});

describe('markdownBlocks and sourceRegion', () => {
  it('gives each block the line its body starts on, its include marker and its hidden preamble', () => {
    const text = [
      '# Page',
      '<!-- include: examples/a.ts#one -->',
      '',
      '```ts',
      'const a = 1;',
      '```',
      '<!-- docs-check preamble',
      'declare const b: number;',
      '-->',
      '```ts',
      'b;',
      '```',
    ].join('\n');
    const [first, second] = markdownBlocks('page.md', text);
    assert.deepEqual(first, {
      file: 'page.md',
      line: 5,
      language: 'ts',
      body: 'const a = 1;\n',
      include: { path: 'examples/a.ts', region: 'one' },
    });
    assert.equal(second.line, 11);
    assert.equal(second.preamble, 'declare const b: number;\n');
    assert.equal(second.preambleLine, 8);
    assert.equal(second.include, undefined);
  });

  it('reads the lines of a region, and nothing for a missing or unclosed one', () => {
    const source = 'x;\n// #region one\nconst a = 1;\n// #endregion one\ny;\n';
    assert.equal(sourceRegion(source, 'one'), 'const a = 1;\n');
    assert.equal(sourceRegion(source, 'two'), undefined);
    assert.equal(sourceRegion('// #region one\nopen\n', 'one'), undefined);
  });
});
