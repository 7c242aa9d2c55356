// Keeps the docs true: every ```toml block must be a valid configuration for the schema; every
// `llm …` / `llm-sim …` command line in a ```sh block must name real commands and flags (each is
// run with --help, which refuses an unknown command or option with exit code 2; `llm` in process);
// every ```ts block is an include of a region of a file under examples/ identical to it, or is
// type-checked against the packages' types (typescript-blocks.mjs). Each run also checks that a
// deliberately broken fixture is caught at its line, so the TypeScript check cannot pass vacuously.
//
//   node docs/scripts/check-docs.mjs               the docs/*.md pages
//   node docs/scripts/check-docs.mjs --dir <dir>   the *.md pages of another folder (tests)
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { checkTypeScriptBlocks, markdownBlocks } from './typescript-blocks.mjs';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const { values: argv } = parseArgs({ options: { dir: { type: 'string' } } });
const docs = argv.dir ? path.resolve(argv.dir) : path.join(root, 'docs');
const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const { validateConfig, formatConfigIssues } = await import(
  pathToFileURL(path.join(root, 'packages/config/dist/index.js')).href
);
const { PRESET_NAMES } = await import(
  pathToFileURL(path.join(root, 'packages/providers-generic/dist/index.js')).href
);
const { runCli } = await import(pathToFileURL(path.join(root, 'apps/cli/dist/run-cli.js')).href);
const llmBin = 'llm';
const simBin = path.join(root, 'packages/testing/dist/cli.js');

/** The words of a shell command line: quotes group, nothing is expanded. */
function words(line) {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** The fenced blocks of every *.md page of a folder, named by their path from the repository. */
async function pageBlocks(directory) {
  const found = [];
  for (const name of (await readdir(directory)).filter((file) => file.endsWith('.md')).sort()) {
    const text = await readFile(path.join(directory, name), 'utf8');
    found.push(...markdownBlocks(path.relative(root, path.join(directory, name)), text));
  }
  return found;
}

const blocks = await pageBlocks(docs);
const fixtureBlocks = argv.dir ? [] : await pageBlocks(fixtures);

const problems = [];
const scratch = await mkdtemp(path.join(os.tmpdir(), 'llm-docs-check-'));
const env = Object.fromEntries(
  ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'AZURE_OPENAI_API_KEY', 'DEEPSEEK_API_KEY'].map(
    (name) => [name, 'sk-docs-check-123456'],
  ),
);
let tomlCount = 0;
for (const [index, block] of blocks.entries()) {
  if (block.language !== 'toml') continue;
  tomlCount++;
  const file = path.join(scratch, `block-${index}.toml`);
  await writeFile(file, block.body);
  const result = await validateConfig({
    configFile: file,
    env,
    dotenv: false,
    knownPresets: PRESET_NAMES,
    knownProviderTypes: ['echo'],
  });
  if (!result.valid)
    problems.push(
      `${block.file}:${block.line}: a toml block is not a valid config:\n${formatConfigIssues(result.issues)}`,
    );
}

const commands = [];
for (const block of blocks.filter((candidate) => candidate.language === 'sh'))
  for (const raw of block.body.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').trim();
    const command = line.slice(Math.max(0, line.lastIndexOf('| ') + (line.includes('| ') ? 2 : 0)));
    const argv = words(command);
    if (argv[0] === 'llm')
      commands.push({ file: block.file, line, bin: llmBin, args: argv.slice(1) });
    if (argv[0] === 'pnpm' && argv[1] === 'exec' && argv[2] === 'llm-sim')
      commands.push({ file: block.file, line, bin: simBin, args: argv.slice(3) });
  }
await Promise.all(
  commands.map(async ({ file, line, bin, args }) => {
    const checked = args.includes('--version') ? args : [...args, '--help'];
    if (bin === llmBin) {
      let stderr = '';
      const io = {
        stdout: () => undefined,
        stderr: (text) => (stderr += text),
        env: {},
        cwd: scratch,
      };
      if ((await runCli(checked, io)) !== 0)
        problems.push(`${file}: \`${line}\` is refused: ${stderr.split('\n')[0]}`);
      return;
    }
    try {
      await run(process.execPath, [bin, ...checked], {
        cwd: scratch,
        env: { ...process.env, NO_COLOR: '1' },
      });
    } catch (error) {
      problems.push(
        `${file}: \`${line}\` is refused: ${String(error.stderr || error.message).split('\n')[0]}`,
      );
    }
  }),
);
const typescript = await checkTypeScriptBlocks({
  root,
  blocks: [...blocks, ...fixtureBlocks],
  scratch,
});
await rm(scratch, { recursive: true, force: true });
const isFixture = (problem) =>
  fixtureBlocks.length > 0 && problem.startsWith(path.relative(root, fixtures));
problems.push(...typescript.problems.filter((problem) => !isFixture(problem)));
// Every line of the fixtures marked `// ← wrong` must be reported, at that line.
for (const block of fixtureBlocks)
  for (const [offset, text] of block.body.split('\n').entries()) {
    if (!text.includes('// ← wrong')) continue;
    const where = `${block.file}:${block.line + offset}: `;
    if (!typescript.problems.some((problem) => problem.startsWith(where)))
      problems.push(`${where}the TypeScript check missed this deliberately wrong line`);
  }

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(
  `docs: ${tomlCount} toml blocks valid, ${commands.length} command lines accepted, ` +
    `${typescript.included - fixtureBlocks.filter((block) => block.include).length} TypeScript blocks identical to their examples, ` +
    `${typescript.checked - fixtureBlocks.filter((block) => !block.include).length} type-checked`,
);
