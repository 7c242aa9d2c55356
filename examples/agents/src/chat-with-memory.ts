import type { Conversation } from '@llm/tools';
import { templates } from '@llm/tools';
import type { LLMManager } from '@llm/manager';
import { isMain, runAsScript, startOfflineManager } from './offline-manager';

/** A chat that remembers: a persona from the `chat_persona` preset, a small window, one kept fact. */
export function startChat(llm: LLMManager): Conversation {
  const [system] = templates.chat_persona.renderMessages({
    persona: 'a travel assistant',
    message: '-',
    rules: ['answer in one sentence'],
  });
  return llm.conversation({
    model: 'gpt-4o-mini',
    system: system!.content as string,
    maxContextTokens: 600,
    maxOutputTokens: 100,
    strategy: 'sliding_window',
  });
}

/** The example, offline: the simulated model echoes the last user message, so memory is visible in the requests. */
export async function runChatWithMemory(write: (line: string) => void): Promise<Conversation> {
  const offline = await startOfflineManager();
  try {
    const chat = startChat(offline.manager);
    await chat.send('I am vegetarian and travel in March.', { keep: true });
    for (let turn = 1; turn <= 12; turn++) {
      await chat.send(
        `Question ${turn}: what should I see in city number ${turn}? ${'Tell me more. '.repeat(10)}`,
      );
    }
    const saved = JSON.stringify(chat.toJSON());
    const resumed = offline.manager.conversation(JSON.parse(saved));
    const reply = await resumed.send('What do you remember about me?');
    write(
      `kept in the window: ${resumed.messages.some((message) => message.content === 'I am vegetarian and travel in March.')}`,
    );
    write(`messages in the history: ${resumed.messages.length}`);
    write(`last answer: ${reply.content}`);
    write(`total: ${resumed.usage.total_tokens} tokens, $${resumed.usage.cost}`);
    return resumed;
  } finally {
    await offline.close();
  }
}

if (isMain(import.meta.url)) runAsScript(runChatWithMemory);
