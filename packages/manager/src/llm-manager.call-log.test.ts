import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startManagerFixture, TEST_ENV, type ManagerFixture } from './__tests__/manager-fixture';

let fixture: ManagerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const question = `What does ${TEST_ENV.TEST_OPENAI_KEY} unlock? ${'x'.repeat(300)}`;

describe('the call log', () => {
  it('keeps nothing unless [llm.logging] log_content is on', async () => {
    fixture = await startManagerFixture();
    const response = await fixture.manager.chatCompletion(
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] },
      { callId: 'call-off' },
    );
    expect(response.content).toBeDefined();
    expect(await fixture.manager.usage!.getCall('call-off')).toBeUndefined();
  });

  it('stores the messages and the answer by call id in the ledger folder, redacted and size-capped, with the usage record', async () => {
    fixture = await startManagerFixture({
      extraToml: '[llm.logging]\nlog_content = true\nmax_content_bytes = 100\n',
    });
    fixture.simulator.script({ reply: { text: 'the answer' } });
    await fixture.manager.chatCompletion(
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] },
      { callId: 'call-1' },
    );
    const logged = await fixture.manager.usage!.getCall('call-1');
    expect(logged).toMatchObject({
      call_id: 'call-1',
      operation: 'chat',
      model: 'gpt-4o-mini',
      answer: 'the answer',
      outcome: 'success',
      truncated: true,
      record: { call_id: 'call-1', final: true, success: true },
    });
    const content = (logged!.messages as Array<{ content: string }>)[0]!.content;
    expect(content).not.toContain(TEST_ENV.TEST_OPENAI_KEY);
    expect(content.startsWith('What does *** unlock?')).toBe(true);
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(100);
    const files = await readdir(path.join(fixture.directory, 'usage', 'calls'));
    expect(files).toEqual([expect.stringMatching(/^calls-\d{4}-\d{2}-\d{2}\.jsonl$/)]);
  });

  it('logs a failed call with its error, and forgets calls older than the retention', async () => {
    fixture = await startManagerFixture({
      extraToml: '[llm.logging]\nlog_content = true\n[llm.retry]\nmax_attempts = 1\n',
    });
    fixture.simulator.script({ error: { status: 400, message: 'bad parameter' } });
    await expect(
      fixture.manager.chatCompletion(
        { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] },
        { callId: 'call-failed' },
      ),
    ).rejects.toThrow();
    expect(await fixture.manager.usage!.getCall('call-failed')).toMatchObject({
      outcome: 'invalid_request',
      error_message: expect.stringContaining('bad parameter'),
    });
    await fixture.manager.usage!.cleanupOldRecords(0);
    // Retention 0 keeps today only: today's call stays.
    expect(await fixture.manager.usage!.getCall('call-failed')).toBeDefined();
    expect(await fixture.manager.usage!.getCall('never-made')).toBeUndefined();
  });
});
