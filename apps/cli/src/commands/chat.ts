import type { LLMMessage } from '@llm/core';
import {
  COMMON_OPTIONS,
  CommandLineError,
  type CliIO,
  type Command,
  type ParsedArgs,
} from '../command';
import { withManager } from '../command-context';
import { userContent } from '../chat/attachments';
import { runTurn } from '../chat/chat-turn';
import {
  ConversationStore,
  historyDirectory,
  newConversation,
  type StoredConversation,
} from '../chat/conversation-store';
import { reportResilienceEvents } from '../chat/verbose-events';
import { runRepl } from '../repl/run-repl';
import { stderrColors } from '../format/colors';
import { usageLine } from '../format/usage-line';
import { chooseTarget, numberOption } from '../chat/choose-target';

/** The conversation `-c` / `--conversation <id>` continue, or a new one (`--conversation` names it). */
async function openConversation(
  args: ParsedArgs,
  store: ConversationStore,
): Promise<{ conversation: StoredConversation; continued: boolean }> {
  const id = args.values['conversation'] as string | undefined;
  if (id !== undefined) {
    const found = args.values['continue'] ? await store.load(id) : await store.find(id);
    return found
      ? { conversation: found, continued: true }
      : { conversation: { ...newConversation(), id }, continued: false };
  }
  if (args.values['continue']) {
    const latest = await store.latest();
    if (!latest)
      throw new CommandLineError(
        `No conversation to continue in ${store.directory}: start one with llm chat "<prompt>"`,
      );
    return { conversation: latest, continued: true };
  }
  return { conversation: newConversation(), continued: false };
}

/** `--system` replaces the conversation's system message (or starts it). */
function applySystem(conversation: StoredConversation, system: string | undefined): void {
  if (system === undefined) return;
  const rest = conversation.messages.filter((message) => message.role !== 'system');
  conversation.messages = [{ role: 'system', content: system }, ...rest];
}

export const CHAT_OPTIONS = {
  ...COMMON_OPTIONS,
  model: {
    type: 'string',
    short: 'm',
    valueName: 'model',
    description:
      'the model (default: the conversation’s, else the config’s default_model, else the default provider’s first model)',
  },
  provider: {
    type: 'string',
    short: 'p',
    valueName: 'name',
    description: 'send to this provider instead of routing by model',
  },
  system: {
    type: 'string',
    short: 's',
    valueName: 'text',
    description: 'the system prompt (replaces a continued conversation’s)',
  },
  attach: {
    type: 'string',
    short: 'a',
    multiple: true,
    valueName: 'file',
    description: 'attach a file: images become image parts, text files text (repeatable)',
  },
  continue: {
    type: 'boolean',
    short: 'c',
    description: 'continue the last conversation',
  },
  conversation: {
    type: 'string',
    valueName: 'id',
    description: 'continue this conversation (or start one with this id)',
  },
  stream: { type: 'boolean', description: 'stream the answer as it is written (the default)' },
  'no-stream': { type: 'boolean', description: 'wait for the whole answer, then print it' },
  json: {
    type: 'boolean',
    description: 'print the response as JSON (content, usage, cost); does not stream',
  },
  verbose: {
    type: 'boolean',
    description: 'report retries, fallbacks and circuit breaker changes on stderr as they happen',
  },
  'max-tokens': { type: 'string', valueName: 'n', description: 'the most tokens to generate' },
  temperature: { type: 'string', valueName: 't', description: 'sampling temperature' },
} as const satisfies Command['options'];

async function chatOnce(args: ParsedArgs, io: CliIO, prompt: string, stdin: string | undefined) {
  const attachments = (args.values['attach'] as string[] | undefined) ?? [];
  const content = await userContent({ prompt, stdin, attachments, cwd: io.cwd });
  if ((typeof content === 'string' && !content) || (Array.isArray(content) && !content.length))
    throw new CommandLineError('chat needs a prompt: llm chat "Hello" (or pipe text into it)');
  const store = new ConversationStore(historyDirectory(io.env));
  const { conversation, continued } = await openConversation(args, store);
  applySystem(conversation, args.values['system'] as string | undefined);
  const json = args.values['json'] === true;
  const stream = (args.values['stream'] as boolean | undefined) ?? !json;
  const paint = stderrColors(io, args);
  return withManager(args, io, async (manager) => {
    if (args.values['verbose']) reportResilienceEvents(manager, io, paint);
    const target = chooseTarget(args, manager, continued ? conversation : undefined);
    const user: LLMMessage = { role: 'user', content };
    const result = await runTurn(manager, conversation, target, user, {
      stream,
      onDelta: json ? undefined : (text) => io.stdout(text),
      max_tokens: numberOption(args, 'max-tokens'),
      temperature: numberOption(args, 'temperature'),
    });
    await store.save(conversation).catch((error: unknown) => {
      io.stderr(
        `warning: the conversation was not saved to ${store.directory} (${(error as { code?: string }).code ?? String(error)})\n`,
      );
    });
    if (json) {
      const printable = result.response
        ? (({ error: _error, ...rest }) => rest)(result.response)
        : {
            content: result.content,
            model: result.model,
            finish_reason: result.finish_reason,
            tool_calls: result.tool_calls,
            usage: result.usage,
          };
      io.stdout(`${JSON.stringify({ ...printable, conversation_id: conversation.id }, null, 2)}\n`);
      return 0;
    }
    if (stream) io.stdout('\n');
    else io.stdout(`${result.content}\n`);
    for (const call of result.tool_calls ?? [])
      io.stdout(`tool call ${call.function.name}(${call.function.arguments})\n`);
    if (result.usage) io.stderr(`${paint.dim(usageLine(result.model, result.usage))}\n`);
    return 0;
  });
}

export const chatCommand: Command = {
  name: 'chat',
  summary: 'Send a prompt (and what is piped in) and print the answer; -c continues',
  usage:
    '"<prompt>" [--model m] [--provider p] [--system text] [--attach file] [-c | --conversation id] [--no-stream] [--json] [--verbose] [--config file]',
  options: CHAT_OPTIONS,
  async run(args, io) {
    const prompt = args.positionals.join(' ').trim();
    const piped = io.stdinIsTTY === false && io.readStdin ? await io.readStdin() : undefined;
    const attachments = (args.values['attach'] as string[] | undefined) ?? [];
    if (!prompt && !piped?.trim() && attachments.length === 0 && io.stdoutIsTTY)
      if (io.stdinIsTTY !== false) return runRepl(args, io);
    return chatOnce(args, io, prompt, piped);
  },
};
