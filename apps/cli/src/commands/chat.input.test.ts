import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCliFixture, type CliFixture } from '../__tests__/cli-fixture';

let fixture: CliFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

type Body = { messages: { role: string; content: unknown }[] };
const lastUser = (body: unknown) => (body as Body).messages.at(-1)!;

describe('llm chat input', () => {
  it('sends what is piped in when there is no prompt (echo "hi" | llm chat)', async () => {
    fixture = await startCliFixture();
    const run = await fixture.runWith(
      { stdinIsTTY: false, readStdin: () => Promise.resolve('hi\n') },
      'chat',
    );
    expect(run).toMatchObject({ code: 0, stdout: 'hi\n' });
  });

  it('puts the prompt before the piped text (git diff | llm chat "review this")', async () => {
    fixture = await startCliFixture();
    const diff = 'diff --git a/x b/x\n-old\n+new\n';
    const run = await fixture.runWith(
      { stdinIsTTY: false, readStdin: () => Promise.resolve(diff) },
      'chat',
      'review this',
    );
    expect(run.code).toBe(0);
    expect(lastUser(fixture.simulator.requests[0]!.body).content).toBe(
      `review this\n\n${diff.trimEnd()}`,
    );
  });

  it('attaches an image as an image part with its detected media type, a text file as text', async () => {
    fixture = await startCliFixture();
    // The extension says JPEG; the bytes say PNG, and the bytes win.
    await writeFile(path.join(fixture.directory, 'photo.jpg'), PNG);
    await writeFile(path.join(fixture.directory, 'notes.txt'), 'buy milk');
    const run = await fixture.run(
      'chat',
      '-a',
      'photo.jpg',
      '--attach',
      'notes.txt',
      'what is this?',
    );
    expect(run.code).toBe(0);
    expect(lastUser(fixture.simulator.requests[0]!.body).content).toEqual([
      { type: 'text', text: 'what is this?' },
      {
        type: 'image_url',
        image_url: { url: `data:image/png;base64,${PNG.toString('base64')}` },
      },
      { type: 'text', text: 'File notes.txt:\nbuy milk' },
    ]);
  });

  it('refuses a binary file that is not an image, and a missing one, with exit code 2', async () => {
    fixture = await startCliFixture();
    await writeFile(path.join(fixture.directory, 'blob.bin'), Buffer.from([0, 1, 2, 255]));
    const binary = await fixture.run('chat', '-a', 'blob.bin', 'hi');
    expect(binary.code).toBe(2);
    expect(binary.stderr).toMatch(/--attach blob\.bin: neither a PNG, JPEG, GIF or WebP image/);
    const missing = await fixture.run('chat', '-a', 'nope.png', 'hi');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--attach nope\.png: cannot read the file \(ENOENT\)/);
    expect(fixture.simulator.requests).toHaveLength(0);
  });

  it('says a prompt is needed when nothing is given or piped', async () => {
    fixture = await startCliFixture();
    const run = await fixture.run('chat');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: chat needs a prompt/);
  });

  it('sends the --system prompt first and waits for the whole answer with --no-stream', async () => {
    fixture = await startCliFixture();
    const run = await fixture.run('chat', '-s', 'be brief', '--no-stream', 'hi');
    expect(run).toMatchObject({ code: 0, stdout: 'hi\n' });
    const request = fixture.simulator.requests[0]!;
    expect((request.body as Body).messages[0]).toEqual({ role: 'system', content: 'be brief' });
    expect((request.body as { stream?: boolean }).stream).toBeFalsy();
  });

  it('reports a retry on stderr as it happens with --verbose', async () => {
    fixture = await startCliFixture();
    fixture.simulator.script({ error: { status: 503, message: 'overloaded' } });
    const run = await fixture.run('chat', '--verbose', 'hi');
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /retry: attempt 1 on openai\/gpt-4o-mini failed \(\w+, status 503\)/,
    );
  });
});
