// The TypeScript blocks of the docs: each is either an include of a region of a file under
// `examples/` (which must be identical to it) or a snippet type-checked, with every other block,
// by one `tsc --noEmit` run against the workspace packages' built types.
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const INCLUDE = /<!--\s*include:\s*(\S+?)#([\w-]+)\s*-->\s*$/;
const PREAMBLE = /<!--\s*docs-check preamble\n([\s\S]*?)-->\s*$/;

/**
 * The fenced blocks of a Markdown text with the line their body starts on (1-based) and the
 * include marker or hidden preamble written on the lines just above the fence.
 */
export function markdownBlocks(file, text) {
  const blocks = [];
  for (const match of text.matchAll(/^```(\w+)\n([\s\S]*?)^```/gm)) {
    const before = text.slice(0, match.index);
    const line = before.split('\n').length + 1;
    const include = INCLUDE.exec(before.trimEnd());
    const preamble = PREAMBLE.exec(before.trimEnd());
    blocks.push({
      file,
      line,
      language: match[1],
      body: match[2],
      ...(include && { include: { path: include[1], region: include[2] } }),
      ...(preamble && {
        preamble: preamble[1],
        preambleLine: before.trimEnd().split('\n').length - preamble[1].split('\n').length + 1,
      }),
    });
  }
  return blocks;
}

/** The lines between `// #region name` and the next `// #endregion` of a source text. */
export function sourceRegion(text, name) {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.trim() === `// #region ${name}`);
  if (start < 0) return undefined;
  const end = lines.findIndex(
    (line, index) => index > start && line.trim().startsWith('// #endregion'),
  );
  if (end < 0) return undefined;
  return lines.slice(start + 1, end).join('\n') + '\n';
}

/** An include block must name a region of a file under examples/ and show exactly its lines. */
async function checkInclude(root, block) {
  const { path: target, region } = block.include;
  const where = `${block.file}:${block.line - 1}`;
  if (!target.startsWith('examples/') || target.includes('..'))
    return [`${where}: an include must point under examples/ (got ${target})`];
  let source;
  try {
    source = await readFile(path.join(root, target), 'utf8');
  } catch {
    return [`${where}: the included file ${target} does not exist`];
  }
  const expected = sourceRegion(source, region);
  if (expected === undefined)
    return [`${where}: ${target} has no region "${region}" (// #region ${region} … // #endregion)`];
  if (expected === block.body) return [];
  const shown = block.body.split('\n');
  const wanted = expected.split('\n');
  const index = shown.findIndex((line, at) => line !== wanted[at]);
  const at = index < 0 ? Math.min(shown.length, wanted.length) : index;
  return [
    `${block.file}:${block.line + at}: the block differs from ${target}#${region}: ` +
      `expected ${JSON.stringify(wanted[at] ?? '(end of region)')}, found ${JSON.stringify(shown[at] ?? '(end of block)')}`,
  ];
}

/** Where an error of line `line` of a generated file came from, in the Markdown. */
function markdownLine(block, line) {
  const preambleLines = block.preamble ? block.preamble.split('\n').length - 1 : 0;
  if (line <= preambleLines) return { line: block.preambleLine + line - 1, inPreamble: true };
  return { line: block.line + line - preambleLines - 1, inPreamble: false };
}

/**
 * Checks every `ts` / `typescript` block: includes against their regions, the others together in
 * one temporary project with `tsc --noEmit` (strict, ES modules, top-level await), `@llm/*`
 * resolved to the packages' built types. Returns the problems as `file:line: message` lines.
 */
export async function checkTypeScriptBlocks({ root, blocks, scratch }) {
  const problems = [];
  const snippets = [];
  let included = 0;
  for (const block of blocks) {
    if (block.language !== 'ts' && block.language !== 'typescript') continue;
    if (block.include) {
      included++;
      problems.push(...(await checkInclude(root, block)));
    } else snippets.push(block);
  }
  if (snippets.length === 0) return { problems, included, checked: 0 };
  const project = path.join(scratch, 'ts-blocks');
  await mkdir(project, { recursive: true });
  const files = new Map();
  for (const [index, block] of snippets.entries()) {
    const name = `block-${index}.ts`;
    files.set(name, block);
    await writeFile(path.join(project, name), `${block.preamble ?? ''}${block.body}\nexport {};\n`);
  }
  await writeFile(
    path.join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        noEmit: true,
        skipLibCheck: true,
        types: ['node'],
        typeRoots: [path.join(root, 'node_modules/@types')],
        paths: {
          '@llm/*': [path.join(root, 'packages/*')],
          zod: [path.join(root, 'packages/tools/node_modules/zod')],
        },
      },
      include: ['*.ts'],
    }),
  );
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
  let output = '';
  try {
    await run(process.execPath, [tsc, '-p', project, '--pretty', 'false'], { cwd: project });
  } catch (error) {
    output = String(error.stdout ?? '') + String(error.stderr ?? '');
    if (!output.trim()) output = String(error.message);
  }
  for (const raw of output.split('\n').filter((line) => line.trim())) {
    const match = /^(block-\d+\.ts)\((\d+),(\d+)\): (.*)$/.exec(raw);
    const block = match && files.get(match[1]);
    if (!block) {
      if (!/^\s/.test(raw)) problems.push(`typescript: ${raw}`);
      else problems[problems.length - 1] += `\n${raw}`;
      continue;
    }
    const { line, inPreamble } = markdownLine(block, Number(match[2]));
    problems.push(`${block.file}:${line}: ${inPreamble ? '(in the preamble) ' : ''}${match[4]}`);
  }
  return { problems, included, checked: snippets.length };
}
