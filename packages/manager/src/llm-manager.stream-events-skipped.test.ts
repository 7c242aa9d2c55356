import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger, type LLMStreamChunk, type StreamEventSkippedInfo } from '@llm/core';
import { startManagerFixture, type ManagerFixture } from './__tests__/manager-fixture';

let fixture: ManagerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const ANSWER = 'one two three four five six seven eight';
const ask = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'count' }] };

async function textOf(stream: AsyncIterable<LLMStreamChunk>): Promise<{
  text: string;
  finish: LLMStreamChunk | undefined;
}> {
  let text = '';
  let finish: LLMStreamChunk | undefined;
  for await (const chunk of stream) {
    if (chunk.type === 'text-delta') text += chunk.delta;
    if (chunk.type === 'finish') finish = chunk;
  }
  return { text, finish };
}

describe('a stream event that cannot be parsed', () => {
  it('is skipped: the answer completes, and stream-event-skipped names the call and attempt', async () => {
    // The provider's own warning goes to the manager's logger: silent here, the event is the subject.
    fixture = await startManagerFixture({ manager: { logger: silentLogger } });
    fixture.simulator.script({
      match: { model: 'gpt-4o-mini' },
      reply: { text: ANSWER, chunk_size: 4 },
      fault: 'garbled-event',
      afterChunks: 2,
    });
    const skipped: Array<StreamEventSkippedInfo & { call_id?: string; attempt?: number }> = [];
    fixture.manager.on('stream-event-skipped', (event) => skipped.push(event));
    const ends: string[] = [];
    fixture.manager.on('call-end', (event) => ends.push(`${event.call_id} ${event.outcome}`));
    const seenByCaller: StreamEventSkippedInfo[] = [];

    const { text, finish } = await textOf(
      fixture.manager.streamCompletion(ask, {
        callId: 'call-garbled',
        onStreamEventSkipped: (info) => seenByCaller.push(info),
      }),
    );

    expect(text).toBe(ANSWER);
    expect(finish?.type === 'finish' && finish.finish_reason).toBe('stop');
    expect(fixture.simulator.requests).toHaveLength(1);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({
      call_id: 'call-garbled',
      attempt: 1,
      provider: 'openai',
      model: 'gpt-4o-mini',
      reason: 'invalid_json',
    });
    expect(skipped[0]!.excerpt).toContain('garbled');
    // The caller's own hook still hears of it, with the same report.
    expect(seenByCaller).toEqual([expect.objectContaining({ index: skipped[0]!.index })]);
    expect(ends).toEqual(['call-garbled success']);
  });
});
