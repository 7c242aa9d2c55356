// `llm repl` through a real pseudo-terminal: the built binary under util-linux's script(1), or
// python3's pty module when script is missing; no native dependency. Without either, the test is
// skipped and says why.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI_ENV, startCliFixture, type CliFixture } from '../__tests__/cli-fixture';

const bin = fileURLToPath(new URL('../../bin/llm.mjs', import.meta.url));

function available(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

/** How to run a command line inside a new pseudo-terminal, or why it cannot be done here. */
function ptyDriver(): { run: (argv: string[]) => [string, string[]] } | { missing: string } {
  const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;
  if (available('script', ['--version']))
    return { run: (argv) => ['script', ['-qfec', argv.map(quote).join(' '), '/dev/null']] };
  if (available('python3', ['-c', 'import pty']))
    return {
      run: (argv) => ['python3', ['-c', 'import pty, sys; pty.spawn(sys.argv[1:])', ...argv]],
    };
  return { missing: 'neither util-linux script(1) nor python3 (pty module) is installed' };
}

const driver = ptyDriver();
if ('missing' in driver) console.warn(`skipping the pseudo-terminal REPL test: ${driver.missing}`);

let fixture: CliFixture | undefined;
let child: ChildProcess | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) child.kill();
  child = undefined;
  await fixture?.close();
  fixture = undefined;
});

/** A CSI sequence (cursor moves, erases, colours): ESC [ parameters letter. */
const ANSI_SEQUENCE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, 'g');

type Body = { messages: { role: string; content: unknown }[] };

describe.skipIf('missing' in driver)('llm repl in a pseudo-terminal', () => {
  it('holds a three-turn conversation, /usage shows its cost, and llm chat -c continues it', async () => {
    fixture = await startCliFixture();
    const env = {
      ...process.env,
      ...CLI_ENV,
      LLM_HISTORY_DIR: path.join(fixture.directory, 'history'),
      LLM_DATA_DIR: path.join(fixture.directory, 'data'),
      NO_COLOR: '1',
      TERM: 'xterm',
    };
    const [command, args] = (driver as Exclude<typeof driver, { missing: string }>).run([
      process.execPath,
      bin,
      'repl',
      '--config',
      fixture.configFile,
    ]);
    const started = spawn(command, args, { env, cwd: fixture.directory });
    child = started;
    let screen = '';
    started.stdout!.on('data', (data: Buffer) => (screen += data.toString()));
    started.stderr!.on('data', (data: Buffer) => (screen += data.toString()));
    const exited = new Promise<number | null>((resolve) => started.on('exit', resolve));
    const waitFor = async (pattern: RegExp, timeoutMs = 15_000) => {
      const since = Date.now();
      // Readline's cursor moves and colour resets are not text; the test reads what a person sees.
      const visible = () => screen.replace(ANSI_SEQUENCE, '');
      while (!pattern.test(visible())) {
        if (Date.now() - since > timeoutMs)
          throw new Error(`timed out waiting for ${pattern}; screen:\n${visible()}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    const type = (text: string) => started.stdin!.write(text);

    await waitFor(/llm repl gpt-4o-mini · conversation (\S+)/);
    const id = /conversation (\S+) ·/.exec(screen)![1]!;
    await waitFor(/> $/);
    for (const [turn, word] of ['first', 'second', 'third'].entries()) {
      type(`${word}\r`);
      await waitFor(new RegExp(`(\\[gpt-4o-mini\\][^]*){${turn + 1}}> $`));
    }
    type('/usage\r');
    await waitFor(
      new RegExp(
        `conversation ${id}: 3 answer\\(s\\), \\d+ prompt \\+ \\d+ completion tokens, cost 0\\.\\d+ USD`,
      ),
    );
    type('/exit\r');
    expect(await exited).toBe(0);
    expect(fixture.simulator.requests).toHaveLength(3);

    const next = await fixture.run('chat', '-c', 'and then?');
    expect(next.code).toBe(0);
    const continued = fixture.simulator.requests[3]!.body as Body;
    expect(continued.messages).toEqual([
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'first' },
      { role: 'user', content: 'second' },
      { role: 'assistant', content: 'second' },
      { role: 'user', content: 'third' },
      { role: 'assistant', content: 'third' },
      { role: 'user', content: 'and then?' },
    ]);
  }, 60_000);
});
