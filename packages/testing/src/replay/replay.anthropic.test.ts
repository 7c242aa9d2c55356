import { describe, expect, it } from 'vitest';
import { accumulateAnthropicEvents, essentialBlock } from '../__tests__/accumulate-streams';
import { anthropicClient, sharedSimulator } from '../__tests__/clients';
import { fixtureFiles, readFixture, readSseEvents } from '../__tests__/read-fixture';

const simulator = await sharedSimulator();
const anthropic = anthropicClient(simulator);
const request = {
  model: 'claude-haiku-4-5',
  max_tokens: 1024,
  messages: [{ role: 'user' as const, content: 'hi' }],
};

/** The events the SDK yields: every recorded frame but pings, which it skips. */
function recordedEvents(file: string): unknown[] {
  return readSseEvents(file)
    .filter((event) => event.event !== 'ping')
    .map((event) => JSON.parse(event.data) as unknown);
}

describe('replaying anthropic/*.sse through @anthropic-ai/sdk', () => {
  it.each(fixtureFiles('anthropic', '.sse'))('yields every recorded event of %s', async (file) => {
    simulator.script({ replay: file });
    const stream = await anthropic.messages.create({ ...request, stream: true });
    const events: unknown[] = [];
    for await (const event of stream) events.push(event);
    expect(events).toEqual(recordedEvents(file));
  });

  it.each(fixtureFiles('anthropic', '.sse'))(
    'gives the recorded blocks, stop reason and usage of %s',
    async (file) => {
      simulator.script({ replay: file });
      const message = await anthropic.messages.stream(request).finalMessage();
      const expected = accumulateAnthropicEvents(recordedEvents(file));
      expect(message.content.map((block) => essentialBlock(block))).toEqual(
        expected.content.map(essentialBlock),
      );
      expect(message.stop_reason).toBe(expected.stopReason);
      expect(message.usage).toMatchObject(expected.usage);
    },
  );
});

describe('replaying anthropic/*.json through @anthropic-ai/sdk', () => {
  it.each(fixtureFiles('anthropic', '.json'))('returns %s as the message', async (file) => {
    simulator.script({ replay: file });
    const message = await anthropic.messages.create(request);
    expect(message).toEqual(JSON.parse(readFixture(file)));
  });
});
