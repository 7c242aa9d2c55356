import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { startCliFixture, type CliFixture } from '../__tests__/cli-fixture';
import { ReplInputReader } from './repl-input';

let fixture: CliFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

/** A terminal for the REPL: keys go in through `type`, everything it prints is in `screen()`. */
function fakeTerminal() {
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  output.on('data', (data: Buffer) => (screen += data.toString()));
  return {
    input,
    output,
    type: (text: string) => input.write(text),
    screen: () => screen,
    async waitFor(pattern: RegExp, timeoutMs = 5000) {
      const started = Date.now();
      while (!pattern.test(screen)) {
        if (Date.now() - started > timeoutMs)
          throw new Error(`timed out waiting for ${pattern}; screen:\n${screen}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
  };
}

type Body = { messages: { role: string; content: unknown }[] };

describe('llm repl', () => {
  it('holds a three-turn conversation, shows its cost with /usage, and llm chat -c continues it', async () => {
    fixture = await startCliFixture();
    const terminal = fakeTerminal();
    const done = fixture.runWith({ input: terminal.input, output: terminal.output }, 'repl');
    terminal.type('one\r');
    await terminal.waitFor(/\[gpt-4o-mini\][^\n]*\n[^]*> /);
    terminal.type('two\r');
    await terminal.waitFor(/(\[gpt-4o-mini\][^]*){2}/);
    terminal.type('three\r');
    await terminal.waitFor(/(\[gpt-4o-mini\][^]*){3}/);
    terminal.type('/usage\r');
    await terminal.waitFor(/3 answer\(s\), \d+ prompt \+ \d+ completion tokens, cost 0\.\d+ USD/);
    terminal.type('/exit\r');
    expect((await done).code).toBe(0);
    const third = fixture.simulator.requests[2]!.body as Body;
    expect(third.messages.map((message) => message.content)).toEqual([
      'one',
      'one',
      'two',
      'two',
      'three',
    ]);

    const next = await fixture.run('chat', '-c', 'and then?');
    expect(next.code).toBe(0);
    const continued = fixture.simulator.requests[3]!.body as Body;
    expect(continued.messages).toHaveLength(7);
    expect(continued.messages.at(-1)).toEqual({ role: 'user', content: 'and then?' });
  });

  it('starts on the config’s default_model when -m is not given', async () => {
    fixture = await startCliFixture();
    await fixture.writeConfig({
      llm: 'default_provider = "openai"\ndefault_model = "gpt-4.1"\nusage_data_dir = "./usage"',
      extra: '\n[llm.providers.openai.models."gpt-4.1"]\nmax_tokens = 1000\n',
    });
    const terminal = fakeTerminal();
    const done = fixture.runWith({ input: terminal.input, output: terminal.output }, 'repl');
    await terminal.waitFor(/llm repl gpt-4\.1 · conversation/);
    terminal.type('hi\r');
    await terminal.waitFor(/\[gpt-4\.1\]/);
    terminal.type('/exit\r');
    expect((await done).code).toBe(0);
    expect(fixture.simulator.requests[0]?.body).toMatchObject({ model: 'gpt-4.1' });
  });

  it('stops the answer on Ctrl-C and keeps the REPL running', async () => {
    fixture = await startCliFixture();
    fixture.simulator.script({
      reply: { text: 'a long answer that streams slowly', chunk_size: 2 },
      chunkDelayMs: 50,
    });
    const terminal = fakeTerminal();
    const done = fixture.runWith({ input: terminal.input, output: terminal.output }, 'repl');
    terminal.type('tell me\r');
    await terminal.waitFor(/a long/);
    terminal.type('\x03');
    await terminal.waitFor(/\(stopped\)/, 15_000);
    terminal.type('again\r');
    await terminal.waitFor(/again\n\[gpt-4o-mini\]/, 15_000);
    terminal.type('/exit\r');
    expect((await done).code).toBe(0);
    expect(fixture.simulator.requests).toHaveLength(2);
    // The stopped answer is kept as far as it got, and the next turn is sent after it.
    const second = fixture.simulator.requests[1]!.body as Body;
    const kept = second.messages[1]!.content as string;
    expect(kept.startsWith('a long')).toBe(true);
    expect(kept.length).toBeLessThan('a long answer that streams slowly'.length);
  }, 30_000);

  it('takes /model, /system, /clear, /save and multi-line input', async () => {
    fixture = await startCliFixture();
    const terminal = fakeTerminal();
    const done = fixture.runWith({ input: terminal.input, output: terminal.output }, 'repl');
    terminal.type('/system be brief\r/model gpt-4o-mini\r');
    await terminal.waitFor(/model: gpt-4o-mini/);
    terminal.type('first line\\\rsecond line\r');
    await terminal.waitFor(/\[gpt-4o-mini\]/);
    terminal.type('/save\r');
    await terminal.waitFor(/saved \S+ \(/);
    terminal.type('/clear\r/nope\r');
    await terminal.waitFor(/unknown command \/nope/);
    terminal.type('/exit\r');
    expect((await done).code).toBe(0);
    const body = fixture.simulator.requests[0]!.body as Body;
    expect(body.messages).toEqual([
      { role: 'system', content: 'be brief' },
      { role: 'user', content: 'first line\nsecond line' },
    ]);
  });

  it(
    'attaches a file, lists its commands, survives a failed answer and Ctrl-C at the prompt',
    { timeout: 20_000 },
    async () => {
      fixture = await startCliFixture();
      await import('node:fs/promises').then((fs) =>
        fs.writeFile(`${fixture!.directory}/notes.txt`, 'remember the milk'),
      );
      fixture.simulator.script({ error: { status: 400, message: 'no thanks' } });
      const terminal = fakeTerminal();
      const done = fixture.runWith({ input: terminal.input, output: terminal.output }, 'repl');
      terminal.type('fails\r');
      await terminal.waitFor(/error:[^\n]*no thanks/);
      terminal.type('/help\r/model\r/system\r/attach missing.txt\r');
      await terminal.waitFor(/--attach missing\.txt: cannot read the file/);
      expect(terminal.screen()).toMatch(/\/usage {12}this conversation's tokens and cost/);
      expect(terminal.screen()).toMatch(/model: gpt-4o-mini\n/);
      expect(terminal.screen()).toMatch(/system prompt removed/);
      terminal.type('/attach notes.txt\r');
      await terminal.waitFor(/attached notes\.txt to the next message/);
      terminal.type('what is in it?\r');
      await terminal.waitFor(/\[gpt-4o-mini\]/);
      terminal.type('half a line\\\r\x03');
      await terminal.waitFor(/\(Ctrl-D or \/exit to leave\)/);
      terminal.input.end();
      expect((await done).code).toBe(0);
      const body = fixture.simulator.requests[1]!.body as Body;
      expect(body.messages.at(-1)!.content).toEqual([
        { type: 'text', text: 'what is in it?' },
        { type: 'text', text: 'File notes.txt:\nremember the milk' },
      ]);
    },
  );

  it('refuses to start without a terminal', async () => {
    fixture = await startCliFixture();
    const result = await fixture.run('repl');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/llm repl needs a terminal/);
  });
});

describe('ReplInputReader', () => {
  it('reads a """ block as one message and commands with their argument', () => {
    const reader = new ReplInputReader();
    expect(reader.read('"""')).toEqual({ kind: 'more' });
    expect(reader.continuing).toBe(true);
    expect(reader.read('a')).toEqual({ kind: 'more' });
    expect(reader.read('b')).toEqual({ kind: 'more' });
    expect(reader.read('"""')).toEqual({ kind: 'message', text: 'a\nb' });
    expect(reader.read('/attach x.png')).toEqual({
      kind: 'command',
      name: 'attach',
      argument: 'x.png',
    });
    expect(reader.read('   ')).toEqual({ kind: 'empty' });
    reader.read('half\\');
    reader.reset();
    expect(reader.continuing).toBe(false);
  });
});
