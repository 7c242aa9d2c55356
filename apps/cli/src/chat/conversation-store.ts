// The CLI's conversation history: one JSON file per conversation, so `llm chat -c` and the REPL
// continue where the last run stopped. Kept under the user data folder ($XDG_DATA_HOME/llm, or
// ~/.local/share/llm; $LLM_DATA_DIR), or $LLM_HISTORY_DIR.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LLMMessage } from '@llm/core';
import { Decimal } from '@llm/usage';
import { CommandLineError } from '../command';
import { userDataDirectory } from '../command-context';

/** The tokens and cost of one answer in a conversation. */
export interface TurnUsage {
  readonly model: string;
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly cost?: number;
  readonly currency?: string;
}

export interface StoredConversation {
  readonly id: string;
  readonly created_at: string;
  updated_at: string;
  model?: string;
  provider?: string;
  /** Every message sent and answered, the system message first when there is one. */
  messages: LLMMessage[];
  usage: TurnUsage[];
}

/** The folder conversations are kept in, from the environment the command sees. */
export function historyDirectory(env: Readonly<Record<string, string | undefined>>): string {
  return env['LLM_HISTORY_DIR'] || join(userDataDirectory(env), 'conversations');
}

const ID_PATTERN = /^[a-z0-9-]{1,64}$/;

export function newConversation(now = new Date()): StoredConversation {
  const stamp = now.toISOString().slice(0, 19).replace(/[-:T]/g, '');
  return {
    id: `${stamp}-${randomBytes(3).toString('hex')}`,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
    messages: [],
    usage: [],
  };
}

/** The conversation's total tokens and cost (summed exactly; one currency, the first seen). */
export function conversationTotals(conversation: StoredConversation): {
  prompt_tokens: number;
  completion_tokens: number;
  cost: number | undefined;
  currency: string;
} {
  let cost = Decimal.ZERO;
  let priced = false;
  for (const turn of conversation.usage)
    if (turn.cost !== undefined) {
      cost = cost.plus(Decimal.from(turn.cost));
      priced = true;
    }
  return {
    prompt_tokens: conversation.usage.reduce((sum, turn) => sum + turn.prompt_tokens, 0),
    completion_tokens: conversation.usage.reduce((sum, turn) => sum + turn.completion_tokens, 0),
    cost: priced ? cost.toNumber() : undefined,
    currency: conversation.usage.find((turn) => turn.currency)?.currency ?? 'USD',
  };
}

export class ConversationStore {
  constructor(readonly directory: string) {}

  private fileOf(id: string): string {
    if (!ID_PATTERN.test(id))
      throw new CommandLineError(
        `--conversation takes an id of lowercase letters, digits and "-" (got "${id}")`,
      );
    return join(this.directory, `${id}.json`);
  }

  /** The conversation `id`, or undefined when there is none by that id. */
  async find(id: string): Promise<StoredConversation | undefined> {
    const file = this.fileOf(id);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    return text === undefined ? undefined : (JSON.parse(text) as StoredConversation);
  }

  async load(id: string): Promise<StoredConversation> {
    const found = await this.find(id);
    if (!found)
      throw new CommandLineError(
        `No conversation "${id}" in ${this.directory} (llm chat without --conversation starts one)`,
      );
    return found;
  }

  /** The most recently updated conversation, or undefined when there is none. */
  async latest(): Promise<StoredConversation | undefined> {
    const names = await readdir(this.directory).catch(() => [] as string[]);
    let latest: StoredConversation | undefined;
    for (const name of names.filter((entry) => entry.endsWith('.json'))) {
      const conversation = await this.find(name.slice(0, -'.json'.length)).catch(() => undefined);
      if (conversation && (!latest || conversation.updated_at > latest.updated_at))
        latest = conversation;
    }
    return latest;
  }

  /** Writes the conversation atomically (a half-written file never replaces a good one). */
  async save(conversation: StoredConversation): Promise<string> {
    await mkdir(this.directory, { recursive: true });
    const file = this.fileOf(conversation.id);
    const partial = `${file}.${process.pid}.tmp`;
    await writeFile(partial, `${JSON.stringify(conversation, null, 2)}\n`, { mode: 0o600 });
    await rename(partial, file);
    return file;
  }
}
