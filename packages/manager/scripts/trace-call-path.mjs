// Which of our source files one `LLMManager.chatCompletion` call executes code in: V8's precise
// coverage of one warm call, taken when the request reaches a loopback server (the outbound walk)
// and again when the answer is back (the way back), mapped to `src/` through the built `dist/`
// files' source maps. Run `pnpm build` first, then `node packages/manager/scripts/trace-call-path.mjs`
// (`--json`: the file lists as one JSON line: outbound, the transport below the SDK, the way back).
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Session } from 'node:inspector';
import { findSourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

process.setSourceMapsEnabled(true);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const session = new Session();
session.connect();
/** The inspector answers a same-thread session synchronously. */
function post(method, params) {
  let answer;
  session.post(method, params, (error, result) => {
    if (error) throw error;
    answer = result;
  });
  return answer;
}
post('Profiler.enable');
post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });

let onRequest = () => undefined;
const server = createServer((request, response) => {
  onRequest();
  request.resume();
  request.on('end', () => {
    response.setHeader('content-type', 'application/json');
    response.end(
      JSON.stringify({
        id: 'chatcmpl-trace',
        object: 'chat.completion',
        created: 1,
        model: 'gpt-4o-mini',
        choices: [
          { index: 0, message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' },
        ],
        usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
      }),
    );
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));

/** A workspace package's ESM build, as an application importing it gets it. */
function importPackage(name) {
  const folder = join(root, 'packages', name);
  const entry = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')).exports['.'].import;
  return import(pathToFileURL(join(folder, entry.default ?? entry)).href);
}
await importPackage('providers-openai');
const { createLLMManager } = await importPackage('manager');
const directory = mkdtempSync(join(tmpdir(), 'llm-trace-'));
const manager = await createLLMManager({
  env: {},
  watch: false,
  cwd: directory,
  config: {
    default_provider: 'openai',
    usage_data_dir: join(directory, 'usage'),
    providers: {
      openai: {
        type: 'openai',
        api_key: 'sk-trace',
        base_url: `http://127.0.0.1:${server.address().port}/v1`,
        models: { 'gpt-4o-mini': {} },
      },
    },
  },
});
const call = () =>
  manager.chatCompletion({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
await call();
await call();
post('Profiler.takePreciseCoverage'); // resets the counts: what follows is one warm call
let outbound;
onRequest = () => {
  outbound = post('Profiler.takePreciseCoverage');
  onRequest = () => undefined;
};
await call();
const back = post('Profiler.takePreciseCoverage');
await manager.close();
server.close();

const lineStarts = new Map();
function positionOf(file, offset) {
  let starts = lineStarts.get(file);
  if (!starts) {
    const text = readFileSync(file, 'utf8');
    starts = [0];
    for (let index = 0; index < text.length; index++)
      if (text.charCodeAt(index) === 10) starts.push(index + 1);
    lineStarts.set(file, starts);
  }
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low, column: offset - starts[low] };
}

/** `package/src/file.ts` → the functions of it that ran, for every function with a call count. */
function sourceFiles(coverage) {
  const files = new Map();
  for (const script of coverage.result) {
    if (!script.url.startsWith('file://')) continue;
    const file = fileURLToPath(script.url);
    if (!file.startsWith(join(root, 'packages')) || !file.includes('/dist/')) continue;
    const map = findSourceMap(file);
    for (const { functionName, ranges } of script.functions) {
      // The module's own top level ran at import, not during the call.
      if (ranges[0].count === 0 || (functionName === '' && ranges[0].startOffset === 0)) continue;
      const { line, column } = positionOf(file, ranges[0].startOffset);
      const source = map?.findEntry(line, column)?.originalSource ?? file;
      // A dependency bundled into a dist (core carries its subset of zod) is not our source, just
      // as the SDK's own files are not.
      if (source.includes('/node_modules/')) continue;
      const inPackage = /packages\/([^/]+)\/(src\/.*)$/.exec(source);
      const name = inPackage ? `${inPackage[1]}/${inPackage[2]}` : source;
      if (!files.has(name)) files.set(name, new Set());
      files.get(name).add(functionName || '(anonymous)');
    }
  }
  return files;
}

const traced = sourceFiles(outbound);
const returned = sourceFiles(back);
// What the SDK calls back into on its way to the socket (the transport's fetch, handed to it as its
// `fetch` option) runs below the SDK's request, not between the manager and it.
const belowSdk = (name) => name.startsWith('core/src/transport/');
const out = new Map([...traced].filter(([name]) => !belowSdk(name)));
const transport = new Map([...traced].filter(([name]) => belowSdk(name)));
if (process.argv.includes('--json')) {
  const names = (files) => [...files.keys()].sort();
  process.stdout.write(
    `${JSON.stringify({ outbound: names(out), transport: names(transport), back: names(returned) })}\n`,
  );
  process.exit(0);
}
console.log(`Outbound, chatCompletion to the SDK's request: ${out.size} files`);
for (const [name, functions] of [...out].sort())
  console.log(`  ${name}: ${[...functions].join(', ')}`);
console.log("Below the SDK's request (the transport's fetch the SDK calls):");
for (const [name, functions] of [...transport].sort())
  console.log(`  ${name}: ${[...functions].join(', ')}`);
console.log('On the way back only:');
for (const [name, functions] of [...returned].sort())
  if (!traced.has(name)) console.log(`  ${name}: ${[...functions].join(', ')}`);
