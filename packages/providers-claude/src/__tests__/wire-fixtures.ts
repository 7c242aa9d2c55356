// Test support: reads the recorded Anthropic wire files kept in @llm/testing and works out, from
// the recording alone, what a correct provider must report for each. Not part of the package build.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { resolveWireDir } from '@llm/testing';
import type { AnthropicRawUsage } from '../messages/convert-anthropic-response';

function findWireDir(): string {
  const directory = resolveWireDir();
  if (directory === undefined) throw new Error('@llm/testing ships no fixtures/wire folder');
  return directory;
}

export const WIRE_DIR = findWireDir();

/** Every Anthropic recording with the given extension, as `anthropic/<file>` names. */
export function anthropicFixtures(extension: '.sse' | '.json'): string[] {
  return readdirSync(join(WIRE_DIR, 'anthropic'))
    .filter((file) => file.endsWith(extension))
    .sort()
    .map((file) => `anthropic/${file}`);
}

export function readWireJson<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(join(WIRE_DIR, name), 'utf8')) as T;
}

export interface WireEvent {
  event: string;
  data: Record<string, unknown>;
}

/** The SSE frames of a recording that carry an `event:` line (the SDK ignores the others). */
export function readWireEvents(name: string): WireEvent[] {
  const frames = readFileSync(join(WIRE_DIR, name), 'utf8').split(/\r?\n\r?\n/);
  const events: WireEvent[] = [];
  for (const frame of frames) {
    const lines = frame.split(/\r?\n/);
    const event = lines
      .find((line) => line.startsWith('event:'))
      ?.slice(6)
      .trim();
    const data = lines
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).replace(/^ /, ''))
      .join('\n');
    if (event && data) events.push({ event, data: JSON.parse(data) as Record<string, unknown> });
  }
  return events;
}

export interface ExpectedToolCall {
  id: string;
  name: string;
  arguments: string;
}

export interface ExpectedOutcome {
  text: string;
  reasoning: string;
  toolCalls: ExpectedToolCall[];
  stopReason: string | undefined;
  rawUsage: AnthropicRawUsage;
  signatures: string[];
  /** The thinking and redacted_thinking blocks, whole and in content order. */
  thinkingBlocks: Record<string, string>[];
}

/** What a stream recording says, worked out naively from its events. */
export function expectedFromStream(events: readonly WireEvent[]): ExpectedOutcome {
  const outcome: ExpectedOutcome = {
    text: '',
    reasoning: '',
    toolCalls: [],
    stopReason: undefined,
    rawUsage: {},
    signatures: [],
    thinkingBlocks: [],
  };
  const toolsByBlock = new Map<number, ExpectedToolCall>();
  const thinkingByBlock = new Map<number, Record<string, string>>();
  for (const { data } of events) {
    const index = data['index'] as number;
    const block = data['content_block'] as Record<string, unknown> | undefined;
    const delta = data['delta'] as Record<string, unknown> | undefined;
    if (data['type'] === 'message_start')
      outcome.rawUsage = {
        ...((data['message'] as Record<string, unknown>)['usage'] as AnthropicRawUsage),
      };
    if (data['type'] === 'content_block_start' && block?.['type'] === 'tool_use') {
      const call = { id: block['id'] as string, name: block['name'] as string, arguments: '' };
      toolsByBlock.set(index, call);
      outcome.toolCalls.push(call);
    }
    if (
      data['type'] === 'content_block_start' &&
      (block?.['type'] === 'thinking' || block?.['type'] === 'redacted_thinking')
    ) {
      const thinking = { ...(block as Record<string, string>) };
      thinkingByBlock.set(index, thinking);
      outcome.thinkingBlocks.push(thinking);
    }
    if (data['type'] === 'content_block_delta' && delta) {
      const thinking = thinkingByBlock.get(index);
      if (thinking && delta['type'] === 'thinking_delta')
        thinking['thinking'] += delta['thinking'] as string;
      if (thinking && delta['type'] === 'signature_delta')
        thinking['signature'] += delta['signature'] as string;
      if (delta['type'] === 'text_delta') outcome.text += delta['text'] as string;
      if (delta['type'] === 'thinking_delta') outcome.reasoning += delta['thinking'] as string;
      if (delta['type'] === 'signature_delta')
        outcome.signatures.push(delta['signature'] as string);
      if (delta['type'] === 'input_json_delta')
        toolsByBlock.get(index)!.arguments += delta['partial_json'] as string;
    }
    if (data['type'] === 'message_delta') {
      outcome.stopReason = (delta?.['stop_reason'] as string | null) ?? outcome.stopReason;
      for (const [field, value] of Object.entries(
        (data['usage'] as Record<string, unknown>) ?? {},
      )) {
        if (value !== null) (outcome.rawUsage as Record<string, unknown>)[field] = value;
      }
    }
  }
  for (const call of outcome.toolCalls) if (call.arguments === '') call.arguments = '{}';
  return outcome;
}

/** What a non-streaming recording says. */
export function expectedFromMessage(message: Record<string, unknown>): ExpectedOutcome {
  const blocks = message['content'] as Record<string, unknown>[];
  const of = (type: string) => blocks.filter((block) => block['type'] === type);
  return {
    text: of('text')
      .map((block) => block['text'] as string)
      .join(''),
    reasoning: of('thinking')
      .map((block) => block['thinking'] as string)
      .join(''),
    toolCalls: of('tool_use').map((block) => ({
      id: block['id'] as string,
      name: block['name'] as string,
      arguments: JSON.stringify(block['input']),
    })),
    stopReason: message['stop_reason'] as string,
    rawUsage: message['usage'] as AnthropicRawUsage,
    signatures: of('thinking').map((block) => block['signature'] as string),
    thinkingBlocks: blocks
      .filter((block) => block['type'] === 'thinking' || block['type'] === 'redacted_thinking')
      .map((block) => ({ ...(block as Record<string, string>) })),
  };
}

/** The TokenUsage the convention in core demands for a raw Anthropic usage object. */
export function expectedUsage(raw: AnthropicRawUsage): Record<string, number> {
  const input = raw.input_tokens ?? 0;
  const cacheWrite = raw.cache_creation_input_tokens;
  const cacheRead = raw.cache_read_input_tokens;
  const output = raw.output_tokens ?? 0;
  const prompt = input + (cacheWrite ?? 0) + (cacheRead ?? 0);
  const usage: Record<string, number> = {
    prompt_tokens: prompt,
    completion_tokens: output,
    total_tokens: prompt + output,
  };
  if (typeof cacheRead === 'number') usage['cached_tokens'] = cacheRead;
  if (typeof cacheWrite === 'number') usage['cache_write_tokens'] = cacheWrite;
  const oneHourWrites = raw.cache_creation?.ephemeral_1h_input_tokens;
  if (typeof oneHourWrites === 'number' && oneHourWrites > 0)
    usage['cache_write_1h_tokens'] = oneHourWrites;
  const thinking = raw.output_tokens_details?.thinking_tokens;
  if (typeof thinking === 'number') usage['reasoning_tokens'] = thinking;
  return usage;
}
