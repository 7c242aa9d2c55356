import cliProgress from 'cli-progress';
import { LLMError, type TokenUsage } from '@llm/core';
import type { LLMManager } from '@llm/manager';
import { Decimal } from '@llm/usage';
import { COMMON_OPTIONS, CommandLineError, type Command, type CliIO } from '../command';
import { withManager } from '../command-context';
import { stdoutColors } from '../format/colors';
import { formatMoney, renderTable } from '../format/table-output';

interface CallOutcome {
  latencyMs: number;
  /** Streams: until the first text arrived. */
  firstChunkMs?: number;
  usage?: TokenUsage;
  errorType?: string;
}

/** The nearest-rank percentile of sorted values (p in 0-100). */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

function wholeOption(value: unknown, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > max)
    throw new CommandLineError(
      `--${name} takes a whole number from 1 to ${max} (got "${String(value)}")`,
    );
  return parsed;
}

async function oneCall(
  manager: LLMManager,
  request: Parameters<LLMManager['chatCompletion']>[0],
  stream: boolean,
): Promise<CallOutcome> {
  const started = performance.now();
  try {
    if (!stream) {
      const response = await manager.chatCompletion(request);
      return { latencyMs: performance.now() - started, usage: response.usage };
    }
    let firstChunkMs: number | undefined;
    let usage: TokenUsage | undefined;
    for await (const chunk of manager.streamCompletion(request)) {
      if (chunk.type === 'text-delta' && firstChunkMs === undefined)
        firstChunkMs = performance.now() - started;
      if (chunk.type === 'finish') usage = chunk.usage;
    }
    return { latencyMs: performance.now() - started, firstChunkMs, usage };
  } catch (error) {
    return {
      latencyMs: performance.now() - started,
      errorType: LLMError.is(error) ? error.type : 'unknown',
    };
  }
}

/** A progress bar on stderr when it is a terminal; nothing otherwise (tests, pipes, CI logs). */
function progressBar(io: CliIO, total: number) {
  if (!io.stderrIsTTY) return { tick: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      format: 'bench [{bar}] {value}/{total} calls | {errors} error(s) | {duration}s',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { errors: 0 });
  let errors = 0;
  return {
    tick: (failed: boolean) => bar.increment(1, { errors: (errors += failed ? 1 : 0) }),
    stop: () => bar.stop(),
  };
}

export function summarizeBench(outcomes: readonly CallOutcome[], wallMs: number) {
  const ok = outcomes.filter((outcome) => !outcome.errorType);
  const latencies = ok.map((outcome) => outcome.latencyMs).sort((a, b) => a - b);
  const firstChunks = ok
    .flatMap((outcome) => (outcome.firstChunkMs === undefined ? [] : [outcome.firstChunkMs]))
    .sort((a, b) => a - b);
  const perCallRates = ok
    .flatMap((outcome) =>
      outcome.usage && outcome.latencyMs > 0
        ? [outcome.usage.completion_tokens / (outcome.latencyMs / 1000)]
        : [],
    )
    .sort((a, b) => a - b);
  const completionTokens = ok.reduce(
    (sum, outcome) => sum + (outcome.usage?.completion_tokens ?? 0),
    0,
  );
  const errors: Record<string, number> = {};
  for (const outcome of outcomes)
    if (outcome.errorType) errors[outcome.errorType] = (errors[outcome.errorType] ?? 0) + 1;
  let cost = Decimal.ZERO;
  for (const outcome of ok)
    if (outcome.usage?.cost !== undefined) cost = cost.plus(Decimal.from(outcome.usage.cost));
  const round = (value: number | undefined) =>
    value === undefined ? undefined : Math.round(value * 10) / 10;
  return {
    calls: outcomes.length,
    succeeded: ok.length,
    errors,
    latency_ms: {
      p50: round(percentile(latencies, 50)),
      p95: round(percentile(latencies, 95)),
      p99: round(percentile(latencies, 99)),
    },
    first_chunk_ms: firstChunks.length
      ? { p50: round(percentile(firstChunks, 50)), p95: round(percentile(firstChunks, 95)) }
      : undefined,
    tokens_per_second: {
      per_call_p50: round(percentile(perCallRates, 50)),
      overall: round(wallMs > 0 ? completionTokens / (wallMs / 1000) : undefined),
    },
    total_cost: cost.toNumber(),
    currency: ok.find((outcome) => outcome.usage?.currency)?.usage?.currency ?? 'USD',
    wall_ms: round(wallMs),
  };
}

export const benchCommand: Command = {
  name: 'bench',
  summary:
    'Call a model many times and report latency percentiles, time to first chunk, tokens/s, errors and cost',
  usage:
    '-m <model> [-n 100] [--concurrency 8] [--stream] [--prompt text] [--json] [--config file]',
  options: {
    ...COMMON_OPTIONS,
    model: {
      type: 'string',
      short: 'm',
      valueName: 'model',
      description: 'the model to call (required)',
    },
    provider: {
      type: 'string',
      short: 'p',
      valueName: 'name',
      description: 'send to this provider',
    },
    number: {
      type: 'string',
      short: 'n',
      valueName: 'calls',
      description: 'how many calls (default 100)',
    },
    concurrency: {
      type: 'string',
      valueName: 'n',
      description: 'calls in flight at once (default 8)',
    },
    stream: {
      type: 'boolean',
      description: 'stream each answer and measure the time to its first chunk',
    },
    prompt: {
      type: 'string',
      valueName: 'text',
      description: 'the prompt of every call (default: a short question)',
    },
    'max-tokens': {
      type: 'string',
      valueName: 'n',
      description: 'the most tokens each answer may have (default 64)',
    },
    json: { type: 'boolean', description: 'print the results as JSON' },
  },
  positionals: 0,
  async run(args, io) {
    const model = args.values['model'] as string | undefined;
    if (!model) throw new CommandLineError('bench needs a model: llm bench -m gpt-4o-mini');
    const total = wholeOption(args.values['number'], 'number', 100, 100_000);
    const concurrency = wholeOption(args.values['concurrency'], 'concurrency', 8, 256);
    const maxTokens = wholeOption(args.values['max-tokens'], 'max-tokens', 64, 1_000_000);
    const stream = args.values['stream'] === true;
    const request = {
      model,
      provider: args.values['provider'] as string | undefined,
      max_tokens: maxTokens,
      messages: [
        {
          role: 'user' as const,
          content:
            (args.values['prompt'] as string | undefined) ??
            'In one sentence: why is the sky blue?',
        },
      ],
      tags: { purpose: 'bench' },
    };
    return withManager(args, io, async (manager) => {
      const outcomes: CallOutcome[] = [];
      const progress = progressBar(io, total);
      let next = 0;
      const started = performance.now();
      const worker = async () => {
        while (next < total) {
          next++;
          const outcome = await oneCall(manager, request, stream);
          outcomes.push(outcome);
          progress.tick(outcome.errorType !== undefined);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
      progress.stop();
      const summary = summarizeBench(outcomes, performance.now() - started);
      if (args.values['json']) {
        io.stdout(`${JSON.stringify({ model, stream, concurrency, ...summary }, null, 2)}\n`);
        return summary.succeeded === 0 ? 1 : 0;
      }
      const paint = stdoutColors(io, args);
      const ms = (value: number | undefined) => (value === undefined ? 'n/a' : `${value} ms`);
      const rows = [
        ['calls', `${summary.succeeded} ok of ${summary.calls}, ${concurrency} at a time`],
        [
          'latency p50 / p95 / p99',
          `${ms(summary.latency_ms.p50)} / ${ms(summary.latency_ms.p95)} / ${ms(summary.latency_ms.p99)}`,
        ],
        [
          'first chunk p50 / p95',
          summary.first_chunk_ms
            ? `${ms(summary.first_chunk_ms.p50)} / ${ms(summary.first_chunk_ms.p95)}`
            : 'n/a (use --stream)',
        ],
        ['tokens/s per call (p50)', String(summary.tokens_per_second.per_call_p50 ?? 'n/a')],
        ['tokens/s overall', String(summary.tokens_per_second.overall ?? 'n/a')],
        [
          'errors',
          Object.entries(summary.errors)
            .map(([type, count]) => `${type} ${count}`)
            .join(', ') || 'none',
        ],
        ['total cost', formatMoney(summary.total_cost, summary.currency)],
      ];
      io.stdout(
        `${paint.bold(`bench ${model}${stream ? ' (stream)' : ''}`)}\n${renderTable(['measure', 'value'], rows)}\n`,
      );
      return summary.succeeded === 0 ? 1 : 0;
    });
  },
};
