// `llm logs`: the most recent calls in the usage ledger, newest first, with the prompt and the
// answer when the call log (`[llm.logging] log_content`) kept them.
import type { UsageRecord } from '@llm/core';
import type { LoggedCall, UsageTracker } from '@llm/usage';
import { COMMON_OPTIONS, CommandLineError, type Command } from '../command';
import { withLedger } from '../command-context';
import { CONVERSATION_TAG } from '../chat/chat-turn';
import { stdoutColors } from '../format/colors';
import { parseTimePoint } from '../format/parse-duration';
import { formatMoney } from '../format/table-output';
import { newestCalls } from './newest-calls';

const DEFAULT_COUNT = 10;
const WIDTH = 80;

/** One text line cut to `width` characters, ending in `…` when cut. */
function fit(text: string, width = WIDTH): string {
  const line = text.replace(/\s*\n\s*/g, ' ').trimEnd();
  return line.length <= width ? line : `${line.slice(0, width - 1)}…`;
}

/** The text of a message's content: a string, or the text parts of a list (other parts named). */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: { type?: string; text?: string }) =>
      part?.type === 'text' ? (part.text ?? '') : `[${part?.type ?? 'part'}]`,
    )
    .join(' ');
}

/** The last user turn of a logged call: what was asked. */
function lastPrompt(messages: unknown): string | undefined {
  if (!Array.isArray(messages)) return typeof messages === 'string' ? messages : undefined;
  const users = messages.filter((message: { role?: string }) => message?.role === 'user');
  const last = users.at(-1) as { content?: unknown } | undefined;
  return last ? contentText(last.content) : undefined;
}

/** A call's own record: one per call (a retried call's earlier attempts are `final: false`). */
function endsCall(record: UsageRecord): boolean {
  return record.call_id === undefined || record.final !== false;
}

/** The newest `count` calls (of `conversation` when given) since `start`. */
function recentCalls(
  tracker: UsageTracker,
  options: { count: number; start?: number; conversation?: string },
): Promise<UsageRecord[]> {
  const { conversation } = options;
  return newestCalls(tracker.store, {
    count: options.count,
    start: options.start,
    now: Date.now(),
    accept: (record) =>
      endsCall(record) &&
      (conversation === undefined || record.tags?.[CONVERSATION_TAG] === conversation),
  });
}

function when(timestamp: number): string {
  return new Date(timestamp).toISOString().slice(0, 19).replace('T', ' ');
}

function cost(record: UsageRecord): string {
  if (record.pricing_missing || record.cost === undefined) return 'unpriced';
  return formatMoney(Number(record.cost_decimal ?? record.cost), record.currency);
}

function describeCall(
  record: UsageRecord,
  logged: LoggedCall | undefined,
  paint: ReturnType<typeof stdoutColors>,
): string {
  const outcome = record.success ? 'ok' : (record.error_type ?? 'failed');
  const head = `${when(record.timestamp)}  ${record.provider_name}/${record.model_name}`;
  const latency = `${Math.round(record.response_time)} ms`;
  const tail = `  ${latency}  ${outcome}`;
  const lines = [
    paint.bold(`${fit(head, WIDTH - tail.length)}${tail}`),
    `  ${record.prompt_tokens} + ${record.completion_tokens} tokens  ${cost(record)}  call ${record.call_id ?? record.request_id}`,
  ];
  const prompt = logged ? lastPrompt(logged.messages) : undefined;
  if (prompt !== undefined) lines.push(fit(`  > ${prompt}`));
  if (logged?.answer !== undefined) lines.push(fit(`  < ${logged.answer}`));
  else if (logged?.error_message !== undefined) lines.push(fit(`  ! ${logged.error_message}`));
  return lines.join('\n');
}

export const logsCommand: Command = {
  name: 'logs',
  summary: 'Recent calls: model, tokens, cost, latency; prompt and answer when the call log is on',
  usage: '[-n 10] [--conversation id] [--since 7d] [--json] [--config file]',
  options: {
    ...COMMON_OPTIONS,
    count: {
      type: 'string',
      short: 'n',
      valueName: 'n',
      description: `how many calls, newest first (default ${DEFAULT_COUNT})`,
    },
    conversation: {
      type: 'string',
      valueName: 'id',
      description: 'only the calls of this conversation (llm chat / llm repl)',
    },
    since: {
      type: 'string',
      valueName: 'when',
      description: 'only calls from this long ago (7d, 12h) or this date on',
    },
    json: {
      type: 'boolean',
      description: 'print the usage records (with the logged messages and answer) as JSON',
    },
  },
  positionals: 0,
  async run(args, io) {
    const given = args.values['count'];
    const count = given === undefined ? DEFAULT_COUNT : Number(given);
    if (!Number.isInteger(count) || count < 1)
      throw new CommandLineError(
        `-n/--count takes a whole number of 1 or more (got "${String(given)}")`,
      );
    const since = args.values['since'];
    const start =
      typeof since === 'string' ? parseTimePoint(since, '--since', Date.now()) : undefined;
    const conversation = args.values['conversation'] as string | undefined;
    const calls = await withLedger(args, io, async (tracker, config) => {
      const records = await recentCalls(tracker, { count, start, conversation });
      const contentLogged = config.logging?.log_content === true;
      return Promise.all(
        records.map(async (record) => ({
          record,
          logged: contentLogged
            ? await tracker.getCall(record.call_id ?? record.request_id)
            : undefined,
        })),
      );
    });
    if (args.values['json']) {
      const printable = calls.map(({ record, logged }) => ({
        ...record,
        ...(logged && {
          messages: logged.messages,
          answer: logged.answer,
          ...(logged.truncated && { truncated: true }),
        }),
      }));
      io.stdout(`${JSON.stringify(printable, null, 2)}\n`);
      return 0;
    }
    if (calls.length === 0) {
      io.stdout(
        conversation !== undefined
          ? `No calls recorded for conversation ${conversation}.\n`
          : 'No calls recorded yet: llm chat "Hello" makes one.\n',
      );
      return 0;
    }
    const paint = stdoutColors(io, args);
    io.stdout(
      `${calls.map(({ record, logged }) => describeCall(record, logged, paint)).join('\n\n')}\n`,
    );
    return 0;
  },
};
