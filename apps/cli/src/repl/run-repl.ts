// `llm repl`: a multi-turn conversation on a terminal, streaming each answer. Ctrl-C stops the
// answer being written (the REPL stays), Ctrl-D or /exit leaves. The conversation is saved after
// every turn, so `llm chat -c` continues it; typed lines are kept between runs (↑ recalls them).
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { LLMContent, LLMMessage } from '@llm/core';
import { CommandLineError, type CliIO, type ParsedArgs } from '../command';
import { withManager } from '../command-context';
import { attachmentPart } from '../chat/attachments';
import { runTurn } from '../chat/chat-turn';
import {
  ConversationStore,
  conversationTotals,
  historyDirectory,
  newConversation,
  type StoredConversation,
} from '../chat/conversation-store';
import { reportResilienceEvents } from '../chat/verbose-events';
import { chooseTarget, numberOption } from '../chat/choose-target';
import { usageLine } from '../format/usage-line';
import { stdoutColors } from '../format/colors';
import { formatMoney } from '../format/table-output';
import { REPL_COMMANDS, ReplInputReader } from './repl-input';

const HISTORY_LINES = 500;

async function loadLineHistory(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).reverse().slice(0, HISTORY_LINES);
}

async function saveLineHistory(file: string, lines: readonly string[]): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${[...lines].reverse().join('\n')}\n`, { mode: 0o600 });
}

/** Runs the REPL on `io.input` / `io.output` until /exit or end of input; returns the exit code. */
export async function runRepl(args: ParsedArgs, io: CliIO): Promise<number> {
  const { input, output } = io;
  if (!input || !output)
    throw new CommandLineError('llm repl needs a terminal (pipe a prompt into llm chat instead)');
  const paint = stdoutColors(io, args);
  const write = (text: string) => void output.write(text);
  const store = new ConversationStore(historyDirectory(io.env));
  const historyFile = join(dirname(store.directory), 'repl-history');
  const continueId = args.values['conversation'] as string | undefined;
  let conversation: StoredConversation =
    continueId !== undefined
      ? ((await store.find(continueId)) ?? { ...newConversation(), id: continueId })
      : args.values['continue']
        ? ((await store.latest()) ?? newConversation())
        : newConversation();
  let system = args.values['system'] as string | undefined;
  const attachments: LLMContent[] = [];

  return withManager(args, io, async (manager) => {
    if (args.values['verbose']) reportResilienceEvents(manager, io, paint);
    let target = chooseTarget(
      args,
      manager,
      conversation.messages.length ? conversation : undefined,
    );
    const rl = createInterface({
      input,
      output,
      terminal: true,
      history: await loadLineHistory(historyFile),
      historySize: HISTORY_LINES,
      prompt: paint.cyan('> '),
    });
    const reader = new ReplInputReader();
    let answering: AbortController | undefined;
    rl.on('SIGINT', () => {
      if (answering) return answering.abort();
      reader.reset();
      write(`\n${paint.dim('(Ctrl-D or /exit to leave)')}\n`);
      rl.setPrompt(paint.cyan('> '));
      rl.prompt();
    });
    write(
      `${paint.bold('llm repl')} ${paint.dim(`${target.model} · conversation ${conversation.id} · /help for commands`)}\n`,
    );
    rl.prompt();
    const save = () =>
      store.save(conversation).catch((error: unknown) => {
        write(`warning: the conversation was not saved (${String(error)})\n`);
        return undefined;
      });
    for await (const line of rl) {
      const read = reader.read(line);
      if (read.kind === 'more') {
        rl.setPrompt(paint.dim('… '));
        rl.prompt();
        continue;
      }
      rl.setPrompt(paint.cyan('> '));
      if (read.kind === 'command') {
        const { name, argument } = read;
        if (name === 'exit') break;
        if (name === 'help') write(`${Object.values(REPL_COMMANDS).join('\n')}\n`);
        else if (name === 'model') {
          if (argument) target = { model: argument, provider: target.provider };
          write(`model: ${target.model}\n`);
        } else if (name === 'system') {
          system = argument || undefined;
          write(system ? 'system prompt set\n' : 'system prompt removed\n');
        } else if (name === 'attach') {
          try {
            attachments.push(await attachmentPart(argument, io.cwd));
            write(`attached ${argument} to the next message\n`);
          } catch (error) {
            write(`${paint.red('error:')} ${(error as Error).message}\n`);
          }
        } else if (name === 'usage') {
          const totals = conversationTotals(conversation);
          write(
            `conversation ${conversation.id}: ${conversation.usage.length} answer(s), ` +
              `${totals.prompt_tokens} prompt + ${totals.completion_tokens} completion tokens, ` +
              `cost ${formatMoney(totals.cost, totals.currency)}\n`,
          );
        } else if (name === 'save') {
          const file = await save();
          if (file) write(`saved ${conversation.id} (${file})\n`);
        } else if (name === 'clear') {
          conversation = newConversation();
          attachments.length = 0;
          write(`new conversation ${conversation.id}\n`);
        }
      } else if (read.kind === 'unknown-command')
        write(`${paint.red('error:')} unknown command /${read.name} (/help lists them)\n`);
      else if (read.kind === 'message') {
        const content: string | LLMContent[] = attachments.length
          ? [{ type: 'text', text: read.text }, ...attachments.splice(0)]
          : read.text;
        const others = conversation.messages.filter((message) => message.role !== 'system');
        conversation.messages = [
          ...(system !== undefined ? [{ role: 'system', content: system } as LLMMessage] : []),
          ...others,
        ];
        answering = new AbortController();
        let result: Awaited<ReturnType<typeof runTurn>> | undefined;
        try {
          result = await runTurn(
            manager,
            conversation,
            target,
            { role: 'user', content },
            {
              stream: args.values['stream'] !== false,
              onDelta: write,
              signal: answering.signal,
              max_tokens: numberOption(args, 'max-tokens'),
              temperature: numberOption(args, 'temperature'),
            },
          );
        } catch (error) {
          write(`\n${paint.red('error:')} ${(error as Error).message}\n`);
        } finally {
          // From here on Ctrl-C is at the prompt again, even while the turn is being saved.
          answering = undefined;
        }
        if (result) {
          write(result.stopped ? `\n${paint.dim('(stopped)')}\n` : '\n');
          if (result.usage) write(`${paint.dim(usageLine(result.model, result.usage))}\n`);
          await save();
        }
      }
      rl.prompt();
    }
    const lines = (rl as unknown as { history?: string[] }).history ?? [];
    rl.close();
    await saveLineHistory(historyFile, lines).catch(() => undefined);
    return 0;
  });
}
