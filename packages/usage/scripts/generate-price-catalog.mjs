// Builds generated/price-catalog.json from LiteLLM's model price list (data/, in this package): a data
// file shipped in the package and read on the first price lookup, so importing @llm/usage never
// parses (or even reads) 600 KB of prices. Run by `pnpm build` before tsup; the output is committed and rewritten only when it changes, through a
// temporary file and a rename, so a concurrent reader (typecheck, lint) never sees a half-written file.
// Only the fields @llm/usage uses are kept: token prices (with cache, reasoning and long-context
// tiers), context windows and a few capability flags, for modes chat, completion, embedding, responses.
import { existsSync, readFileSync, writeFileSync, mkdirSync, renameSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const defaultSource = resolve(packageRoot, 'data/model-prices.litellm.json');
const source = process.env.LLM_PRICE_SOURCE ? resolve(process.env.LLM_PRICE_SOURCE) : defaultSource;
const output = join(packageRoot, 'generated/price-catalog.json');

const MODES = new Set(['chat', 'completion', 'embedding', 'responses']);
const CAPABILITIES = [
  'vision',
  'function_calling',
  'parallel_function_calling',
  'tool_choice',
  'response_schema',
  'prompt_caching',
  'reasoning',
  'system_messages',
  'pdf_input',
  'audio_input',
  'audio_output',
  'web_search',
  'computer_use',
];
const TIER_FIELD = /^input_cost_per_token_above_(\d+)k_tokens$/;

function price(value) {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function withoutUndefined(object) {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

/** `*_above_<N>k_tokens` fields become tiers; LiteLLM's `tiered_pricing` ranges too. */
function tiersOf(model) {
  const tiers = [];
  for (const field of Object.keys(model)) {
    const match = TIER_FIELD.exec(field);
    if (!match) continue;
    const suffix = `_above_${match[1]}k_tokens`;
    tiers.push(
      withoutUndefined({
        above_tokens: Number(match[1]) * 1000,
        input: price(model[`input_cost_per_token${suffix}`]),
        output: price(model[`output_cost_per_token${suffix}`]),
        cache_read: price(model[`cache_read_input_token_cost${suffix}`]),
        cache_write: price(model[`cache_creation_input_token_cost${suffix}`]),
        cache_write_1h: price(model[`cache_creation_input_token_cost_above_1hr${suffix}`]),
        reasoning: price(model[`output_cost_per_reasoning_token${suffix}`]),
      }),
    );
  }
  if (Array.isArray(model.tiered_pricing)) {
    for (const tier of model.tiered_pricing) {
      const range = tier.range;
      if (!Array.isArray(range) || typeof range[0] !== 'number' || range[0] <= 0) continue;
      tiers.push(
        withoutUndefined({
          above_tokens: range[0],
          input: price(tier.input_cost_per_token),
          output: price(tier.output_cost_per_token),
          cache_read: price(tier.cache_read_input_token_cost),
          reasoning: price(tier.output_cost_per_reasoning_token),
        }),
      );
    }
  }
  return tiers
    .filter((tier) => tier.input !== undefined && tier.output !== undefined)
    .sort((a, b) => a.above_tokens - b.above_tokens);
}

/** Base prices; models priced only by `tiered_pricing` take their first range as the base. */
function basePrices(model) {
  const first = Array.isArray(model.tiered_pricing)
    ? model.tiered_pricing.find((tier) => tier.range?.[0] === 0)
    : undefined;
  return {
    input: price(model.input_cost_per_token) ?? price(first?.input_cost_per_token),
    output:
      price(model.output_cost_per_token) ??
      price(first?.output_cost_per_token) ??
      (model.mode === 'embedding' ? 0 : undefined),
    cache_read:
      price(model.cache_read_input_token_cost) ?? price(first?.cache_read_input_token_cost),
    cache_write: price(model.cache_creation_input_token_cost),
    cache_write_1h: price(model.cache_creation_input_token_cost_above_1hr),
    reasoning:
      price(model.output_cost_per_reasoning_token) ?? price(first?.output_cost_per_reasoning_token),
  };
}

function compactEntry(model) {
  const base = basePrices(model);
  if (base.input === undefined || base.output === undefined) return undefined;
  const tiers = tiersOf(model);
  const capabilities = CAPABILITIES.filter((name) => model[`supports_${name}`] === true);
  return withoutUndefined({
    provider: typeof model.litellm_provider === 'string' ? model.litellm_provider : undefined,
    mode: model.mode,
    ...base,
    max_input_tokens:
      typeof model.max_input_tokens === 'number' ? model.max_input_tokens : undefined,
    max_output_tokens:
      typeof model.max_output_tokens === 'number' ? model.max_output_tokens : undefined,
    capabilities: capabilities.length > 0 ? capabilities.join(' ') : undefined,
    tiers: tiers.length > 0 ? tiers : undefined,
  });
}

function generate(text) {
  const models = {};
  const raw = JSON.parse(text);
  for (const id of Object.keys(raw).sort()) {
    const model = raw[id];
    if (id === 'sample_spec' || !model || !MODES.has(model.mode)) continue;
    const entry = compactEntry(model);
    if (entry) models[id] = entry;
  }
  const sha256 = createHash('sha256').update(text).digest('hex');
  // JSON has no comments: the licence of the data travels as a field of the file itself.
  const license = [
    "Model prices, context windows and capability flags derived from LiteLLM's",
    'model_prices_and_context_window.json (https://github.com/BerriAI/litellm).',
    'MIT License. Copyright (c) 2023 Berri AI.',
    'Permission is hereby granted, free of charge, to any person obtaining a copy of this software and',
    'associated documentation files (the "Software"), to deal in the Software without restriction,',
    'including without limitation the rights to use, copy, modify, merge, publish, distribute,',
    'sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is',
    'furnished to do so, subject to the following conditions: The above copyright notice and this',
    'permission notice shall be included in all copies or substantial portions of the Software.',
    'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT',
    'NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND',
    'NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,',
    'DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT',
    'OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.',
  ].join(' ');
  return `${JSON.stringify({ version: 1, source_sha256: sha256, license, models })}\n`;
}

if (!existsSync(source)) {
  if (existsSync(output)) {
    console.log(
      `price catalog: ${source} not found, keeping the committed ${relative(packageRoot, output)}`,
    );
    process.exit(0);
  }
  console.error(
    `price catalog: neither ${source} nor ${output} exists; set LLM_PRICE_SOURCE to LiteLLM's JSON file`,
  );
  process.exit(1);
}
const generated = generate(readFileSync(source, 'utf8'));
const previous = existsSync(output) ? readFileSync(output, 'utf8') : undefined;
if (previous !== generated) {
  mkdirSync(dirname(output), { recursive: true });
  const temporary = `${output}.${process.pid}.tmp`;
  writeFileSync(temporary, generated);
  renameSync(temporary, output);
  console.log(`price catalog: wrote ${relative(packageRoot, output)} (${generated.length} bytes)`);
}
