import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveWireDir } from '@llm/testing';

/** The recorded wire files kept in `@llm/testing` (`packages/testing/fixtures/wire`), or `$LLM_WIRE_DIR`. */
export const WIRE_DIR = wireDirOrThrow();

function wireDirOrThrow(): string {
  const directory = resolveWireDir();
  if (directory === undefined) throw new Error('@llm/testing ships no fixtures/wire folder');
  return directory;
}

export function readWireText(name: string): string {
  return readFileSync(join(WIRE_DIR, name), 'utf8');
}

export function readWireJson<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readWireText(name)) as T;
}

/** The JSON payloads of an SSE file's `data:` lines, in order, without the `[DONE]` marker. */
export function readWireSseData<T = Record<string, unknown>>(name: string): T[] {
  return readWireText(name)
    .split(/\r?\n/)
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice('data:'.length).trim())
    .filter((data) => data !== '[DONE]')
    .map((data) => JSON.parse(data) as T);
}

/** What a recorded Chat Completions stream says, read straight from its frames. */
export interface RecordedStreamFacts {
  text: string;
  finishReason: string | undefined;
  usage: Record<string, unknown> | undefined;
  toolCalls: Array<{ id: string; name: string; arguments: string }>;
}

interface Frame {
  choices?: Array<{
    index?: number;
    delta?: {
      content?: string | null;
      tool_calls?: Array<{
        index: number;
        id?: string;
        function?: { name?: string; arguments?: string };
      }>;
    };
    finish_reason?: string | null;
  }>;
  usage?: Record<string, unknown> | null;
}

export function recordedStreamFacts(name: string): RecordedStreamFacts {
  const facts: RecordedStreamFacts = {
    text: '',
    finishReason: undefined,
    usage: undefined,
    toolCalls: [],
  };
  for (const frame of readWireSseData<Frame>(name)) {
    if (frame.usage) facts.usage = frame.usage;
    for (const choice of frame.choices ?? []) {
      facts.text += choice.delta?.content ?? '';
      if (choice.finish_reason) facts.finishReason = choice.finish_reason;
      for (const call of choice.delta?.tool_calls ?? []) {
        const entry = (facts.toolCalls[call.index] ??= { id: '', name: '', arguments: '' });
        entry.id ||= call.id ?? '';
        entry.name ||= call.function?.name ?? '';
        entry.arguments += call.function?.arguments ?? '';
      }
    }
  }
  return facts;
}

/** The normalized usage a recorded usage object must give, worked out here rather than by the code under test. */
export function expectedUsage(raw: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!raw) throw new Error('the recording has no usage');
  const details = (key: string, field: string) =>
    (raw[key] as Record<string, number> | undefined)?.[field];
  const expected: Record<string, unknown> = {
    prompt_tokens: raw['prompt_tokens'],
    completion_tokens: raw['completion_tokens'],
    total_tokens: raw['total_tokens'],
    cached_tokens: details('prompt_tokens_details', 'cached_tokens'),
    reasoning_tokens: details('completion_tokens_details', 'reasoning_tokens'),
  };
  return Object.fromEntries(Object.entries(expected).filter(([, value]) => value !== undefined));
}
