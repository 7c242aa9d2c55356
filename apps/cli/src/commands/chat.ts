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
import { recordTurn, runTurn } from '../chat/chat-turn';
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
import { CONVERSATION_TAG } from '../chat/chat-turn';
import { renderTemplate } from '../chat/prompt-template';
import { generateStructured, loadSchemaFile, partialPrinter } from '../chat/structured-output';

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
  template: {
    type: 'string',
    short: 't',
    valueName: 'name',
    description: 'send a built-in prompt template (llm templates lists them and their variables)',
  },
  var: {
    type: 'string',
    short: 'v',
    multiple: true,
    valueName: 'key=value',
    description:
      'a template variable (repeatable); numbers and lists as JSON or a,b,c; piped text fills the first one left unset',
  },
  schema: {
    type: 'string',
    valueName: 'file.json',
    description:
      'answer with one object of this JSON Schema, printed as JSON (partial objects stream on a terminal)',
  },
  'max-tokens': { type: 'string', valueName: 'n', description: 'the most tokens to generate' },
  temperature: { type: 'string', valueName: 't', description: 'sampling temperature' },
} as const satisfies Command['options'];

/** The turn's messages: a rendered template (its system turn unless --system), or the prompt. */
async function turnInput(
  args: ParsedArgs,
  io: CliIO,
  prompt: string,
  stdin: string | undefined,
): Promise<{ system: string | undefined; user: LLMMessage }> {
  const attachments = (args.values['attach'] as string[] | undefined) ?? [];
  const templateName = args.values['template'] as string | undefined;
  let system = args.values['system'] as string | undefined;
  let text = prompt;
  let rest = stdin;
  if (templateName !== undefined) {
    const pairs = (args.values['var'] as string[] | undefined) ?? [];
    const rendered = renderTemplate(templateName, pairs, stdin);
    const renderedSystem = rendered.messages.find((message) => message.role === 'system');
    const renderedUser = rendered.messages.find((message) => message.role === 'user');
    system ??= renderedSystem?.content as string | undefined;
    text = [renderedUser?.content as string, prompt].filter(Boolean).join('\n\n');
    if (rendered.pipedUsed) rest = undefined;
  } else if (args.values['var'] !== undefined)
    throw new CommandLineError(
      '-v/--var sets a template variable: give the template with -t <name>',
    );
  const content = await userContent({ prompt: text, stdin: rest, attachments, cwd: io.cwd });
  if ((typeof content === 'string' && !content) || (Array.isArray(content) && !content.length))
    throw new CommandLineError('chat needs a prompt: llm chat "Hello" (or pipe text into it)');
  return { system, user: { role: 'user', content } };
}

async function chatOnce(args: ParsedArgs, io: CliIO, prompt: string, stdin: string | undefined) {
  const { system, user } = await turnInput(args, io, prompt, stdin);
  const schemaFile = args.values['schema'] as string | undefined;
  const schema = schemaFile !== undefined ? await loadSchemaFile(schemaFile, io.cwd) : undefined;
  const store = new ConversationStore(historyDirectory(io.env));
  const { conversation, continued } = await openConversation(args, store);
  applySystem(conversation, system);
  const json = args.values['json'] === true;
  const stream = (args.values['stream'] as boolean | undefined) ?? !json;
  const paint = stderrColors(io, args);
  const save = () =>
    store.save(conversation).catch((error: unknown) => {
      io.stderr(
        `warning: the conversation was not saved to ${store.directory} (${(error as { code?: string }).code ?? String(error)})\n`,
      );
    });
  return withManager(args, io, async (manager) => {
    if (args.values['verbose']) reportResilienceEvents(manager, io, paint);
    const target = chooseTarget(args, manager, continued ? conversation : undefined);
    if (schema) {
      // Partial objects are redrawn on a terminal only; piped output gets the final object alone.
      const printer = stream && io.stdoutIsTTY && !json ? partialPrinter(io.stdout) : undefined;
      const outcome = await generateStructured(manager, {
        ...target,
        messages: [...conversation.messages, user],
        schema,
        tags: { [CONVERSATION_TAG]: conversation.id },
        max_tokens: numberOption(args, 'max-tokens'),
        temperature: numberOption(args, 'temperature'),
        stream,
        onPartial: printer?.draw,
      });
      printer?.clear();
      const answer: LLMMessage = { role: 'assistant', content: JSON.stringify(outcome.object) };
      recordTurn(conversation, target, user, answer, outcome.model, outcome.usage, outcome.cost);
      await save();
      if (json)
        io.stdout(`${JSON.stringify({ ...outcome, conversation_id: conversation.id }, null, 2)}\n`);
      else {
        io.stdout(`${JSON.stringify(outcome.object, null, 2)}\n`);
        if (outcome.usage) io.stderr(`${paint.dim(usageLine(outcome.model, outcome.usage))}\n`);
      }
      return 0;
    }
    const result = await runTurn(manager, conversation, target, user, {
      stream,
      onDelta: json ? undefined : (text) => io.stdout(text),
      max_tokens: numberOption(args, 'max-tokens'),
      temperature: numberOption(args, 'temperature'),
    });
    await save();
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
    '"<prompt>" [--model m] [--provider p] [--system text] [--attach file] [-t template -v key=value…] [--schema file.json] [-c | --conversation id] [--no-stream] [--json] [--verbose] [--config file]',
  options: CHAT_OPTIONS,
  async run(args, io) {
    const prompt = args.positionals.join(' ').trim();
    const piped = io.stdinIsTTY === false && io.readStdin ? await io.readStdin() : undefined;
    const attachments = (args.values['attach'] as string[] | undefined) ?? [];
    const oneShot = args.values['template'] !== undefined || args.values['schema'] !== undefined;
    if (!prompt && !piped?.trim() && attachments.length === 0 && !oneShot && io.stdoutIsTTY)
      if (io.stdinIsTTY !== false) return runRepl(args, io);
    return chatOnce(args, io, prompt, piped);
  },
};
