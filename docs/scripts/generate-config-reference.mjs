// Writes docs/configuration-reference.md from the zod schema the config loader validates with
// (@llm/config's LLMConfigFileSchema, through its JSON Schema), so the reference cannot drift.
// `--check` fails (exit 1) when the committed file differs from what the schema gives.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const target = `${root}docs/configuration-reference.md`;
const requireFromConfig = createRequire(`${root}packages/config/package.json`);
const { z } = await import(pathToFileURL(requireFromConfig.resolve('zod')).href);
const { LLMConfigFileSchema } = await import(
  pathToFileURL(`${root}packages/config/dist/index.js`).href
);

const schema = z.toJSONSchema(LLMConfigFileSchema, { io: 'input', unrepresentable: 'any' });

function resolveRef(node) {
  if (!node?.$ref) return node;
  const name = node.$ref.replace('#/$defs/', '').replace('#/definitions/', '');
  return (schema.$defs ?? schema.definitions ?? {})[name] ?? node;
}

function typeOf(node) {
  node = resolveRef(node);
  if (!node || Object.keys(node).length === 0) return 'any';
  if (node.enum) return node.enum.map((value) => JSON.stringify(value)).join(' \\| ');
  if (node.const !== undefined) return JSON.stringify(node.const);
  const union = node.anyOf ?? node.oneOf;
  if (union) return [...new Set(union.map(typeOf))].join(' \\| ');
  if (node.type === 'array') return `array of ${typeOf(node.items)}`;
  if (node.type === 'object' && !node.properties && node.additionalProperties)
    return `table of ${typeOf(node.additionalProperties)}`;
  const bounds = [
    node.minimum !== undefined ? `≥ ${node.minimum}` : '',
    node.exclusiveMinimum !== undefined ? `> ${node.exclusiveMinimum}` : '',
    node.maximum !== undefined && node.maximum !== Number.MAX_SAFE_INTEGER
      ? `≤ ${node.maximum}`
      : '',
  ].filter(Boolean);
  return `${Array.isArray(node.type) ? node.type.join(' \\| ') : (node.type ?? 'any')}${bounds.length ? ` (${bounds.join(', ')})` : ''}`;
}

const rows = [];
function walk(node, path) {
  node = resolveRef(node);
  if (!node) return;
  const union = node.anyOf ?? node.oneOf;
  if (union && !node.properties) {
    const objects = union.map(resolveRef).filter((member) => member?.properties);
    if (objects.length === 1) return walk(objects[0], path);
  }
  if (node.type === 'object') {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const resolved = resolveRef(child);
      rows.push({
        path: `${path}${path ? '.' : ''}${key}`,
        type: typeOf(resolved),
        default: resolved?.default === undefined ? '' : `\`${JSON.stringify(resolved.default)}\``,
        description: (resolved?.description ?? '').replace(/\n/g, ' ').replace(/\|/g, '\\|'),
      });
      walk(resolved, `${path}${path ? '.' : ''}${key}`);
    }
    if (node.additionalProperties && typeof node.additionalProperties === 'object')
      walk(node.additionalProperties, `${path}.<name>`);
  }
  if (node.type === 'array' && node.items) walk(node.items, `${path}[]`);
}
walk(schema, '');

const markdown = `# Configuration reference

Generated from the schema \`@llm/config\` validates with (\`LLMConfigFileSchema\`) by
\`pnpm docs:config\`; the test command fails when this file and the schema disagree. How the
values are loaded (files, \`\${VAR}\`, the environment, hot reload) is in
[configuration.md](configuration.md).

\`<name>\` stands for a name you choose (a provider, a model). Every key lives under \`[llm]\`.

| key | type | default | description |
| --- | ---- | ------- | ----------- |
${rows.map((row) => `| \`${row.path}\` | ${row.type} | ${row.default} | ${row.description} |`).join('\n')}
`;
// Formatted as the repository's prettier would, so `prettier --check .` and `--check` agree.
const prettier = await import('prettier');
const text = await prettier.format(markdown, {
  ...(await prettier.resolveConfig(target)),
  filepath: target,
});

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // missing: reported below
  }
  if (committed !== text) {
    console.error(
      'docs/configuration-reference.md is out of date with the config schema: run pnpm docs:config',
    );
    process.exit(1);
  }
  console.log('docs/configuration-reference.md matches the config schema');
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target} (${rows.length} keys)`);
}
