import { afterEach, describe, expect, it } from 'vitest';
import { startCliFixture, type CliFixture } from '../__tests__/cli-fixture';

let fixture: CliFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('llm chat -t <template> -v key=value', () => {
  it('renders a built-in template with its system turn and typed variables, and sends it', async () => {
    fixture = await startCliFixture();
    const result = await fixture.run(
      'chat',
      '-t',
      'summarize',
      '-v',
      'text=The cat sat on the mat.',
      '-v',
      'maxWords=5',
      '--no-stream',
    );
    expect(result.code).toBe(0);
    const body = fixture.simulator.requests[0]?.body as {
      messages: { role: string; content: string }[];
    };
    expect(body.messages[0]).toMatchObject({
      role: 'system',
      content: expect.stringContaining('summaries'),
    });
    expect(body.messages[1]?.content).toContain('in at most 5 words');
    expect(body.messages[1]?.content).toContain('The cat sat on the mat.');
  });

  it('fills the first required variable left unset from stdin, and --system replaces the template’s', async () => {
    fixture = await startCliFixture();
    const result = await fixture.runWith(
      { stdinIsTTY: false, readStdin: async () => 'diff --git a/x b/x\n+hello\n' },
      'chat',
      '-t',
      'commit_message',
      '-s',
      'Be brief.',
    );
    expect(result.code).toBe(0);
    const body = fixture.simulator.requests[0]?.body as {
      messages: { role: string; content: string }[];
    };
    expect(body.messages[0]).toEqual({ role: 'system', content: 'Be brief.' });
    expect(body.messages[1]?.content).toContain('+hello');
    expect(body.messages).toHaveLength(2);
  });

  it('sends the template at once on a terminal instead of opening the REPL', async () => {
    fixture = await startCliFixture();
    const result = await fixture.runWith(
      { stdoutIsTTY: true, stdinIsTTY: true },
      'chat',
      '-t',
      'translate',
      '-v',
      'text=Hallo',
      '-v',
      'targetLanguage=English',
    );
    expect(result.code).toBe(0);
    expect(fixture.simulator.requests).toHaveLength(1);
  });

  it('reads list variables as JSON or a,b,c', async () => {
    fixture = await startCliFixture();
    expect(
      (
        await fixture.run(
          'chat',
          '-t',
          'classify',
          '-v',
          'text=I love it',
          '-v',
          'labels=positive,negative',
        )
      ).code,
    ).toBe(0);
    expect(
      (await fixture.run('chat', '-t', 'classify', '-v', 'text=meh', '-v', 'labels=["good","bad"]'))
        .code,
    ).toBe(0);
    const [first, second] = fixture.simulator.requests.map(
      (request) => (request.body as { messages: { content: string }[] }).messages[1]?.content,
    );
    expect(first).toContain('"positive", "negative"');
    expect(second).toContain('"good", "bad"');
  });

  it('refuses a missing variable with exit 2, naming it and the template, sending nothing', async () => {
    fixture = await startCliFixture();
    const result = await fixture.run('chat', '-t', 'translate', '-v', 'text=Hallo');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'template "translate" needs -v targetLanguage=… (missing "targetLanguage")',
    );
    expect(fixture.simulator.requests).toHaveLength(0);
  });

  it('suggests the closest template and variable names, and refuses mistyped values', async () => {
    fixture = await startCliFixture();
    const unknown = await fixture.run('chat', '-t', 'sumarize', '-v', 'text=x');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown template "sumarize" (did you mean "summarize"?)');
    const variable = await fixture.run('chat', '-t', 'summarize', '-v', 'txt=x');
    expect(variable.stderr).toContain(
      'template "summarize" has no variable "txt" (did you mean "text"?)',
    );
    const number = await fixture.run(
      'chat',
      '-t',
      'summarize',
      '-v',
      'text=x',
      '-v',
      'maxWords=five',
    );
    expect(number.stderr).toContain(
      '-v maxWords: template "summarize" takes an integer (got "five")',
    );
    const invalid = await fixture.run(
      'chat',
      '-t',
      'summarize',
      '-v',
      'text=x',
      '-v',
      'format=poem',
    );
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('Template "summarize": invalid variables: format');
    const pair = await fixture.run('chat', '-t', 'summarize', '-v', 'text');
    expect(pair.stderr).toContain('-v takes key=value (got "text")');
    const orphan = await fixture.run('chat', 'hi', '-v', 'text=x');
    expect(orphan.stderr).toContain(
      '-v/--var sets a template variable: give the template with -t <name>',
    );
    expect(fixture.simulator.requests).toHaveLength(0);
  });
});

describe('llm templates', () => {
  it('lists every built-in template with its variables, within 80 columns', async () => {
    fixture = await startCliFixture();
    const result = await fixture.run('templates');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('summarize  Summarise a text');
    expect(result.stdout).toContain(
      '  -v text [maxWords:integer] [audience] [format:paragraph|bullets]',
    );
    for (const line of result.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('prints the templates as JSON with --json', async () => {
    fixture = await startCliFixture();
    const listed = JSON.parse((await fixture.run('templates', '--json')).stdout) as {
      name: string;
      variables: { name: string; required: boolean }[];
    }[];
    expect(listed).toHaveLength(11);
    expect(listed.find((template) => template.name === 'translate')?.variables).toContainEqual({
      name: 'targetLanguage',
      type: 'string',
      required: true,
    });
  });
});
