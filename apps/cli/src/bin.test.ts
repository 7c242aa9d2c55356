import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { HEALTH_CHECK_TIMEOUT_MS } from '@llm/core';
import { CLI_ENV, startCliFixture, type CliFixture } from './__tests__/cli-fixture';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../bin/llm.mjs', import.meta.url));

let fixture: CliFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('the built llm binary', () => {
  it('chats with a running simulator and exits 0 (llm chat "hello" --json --config <cfg>)', async () => {
    fixture = await startCliFixture();
    const { stdout } = await run(
      process.execPath,
      [bin, 'chat', 'hello', '--json', '--config', fixture.configFile],
      {
        env: { ...process.env, ...CLI_ENV, LLM_HISTORY_DIR: `${fixture.directory}/history` },
      },
    );
    const answer = JSON.parse(stdout) as { content: string; usage: Record<string, number> };
    expect(answer.content).toBe('hello');
    expect(answer.usage['prompt_tokens']).toBeGreaterThan(0);
    expect(answer.usage['completion_tokens']).toBeGreaterThan(0);
    expect(answer.usage['cost']).toBeGreaterThan(0);
  });

  it('ends llm health as soon as every provider answered, a refused connection reported with its cause', async () => {
    fixture = await startCliFixture();
    await fixture.writeConfig({
      extra: `
[llm.providers.claude]
type = "claude"
api_key = "sk-ant-unreachable-123456"
base_url = "http://127.0.0.1:1"
`,
    });
    const started = Date.now();
    const failure = await run(process.execPath, [bin, 'health', '--config', fixture.configFile], {
      env: { ...process.env, ...CLI_ENV },
    }).catch((error: { code: number; stdout: string }) => error);
    const elapsed = Date.now() - started;
    expect((failure as { code: number }).code).toBe(1);
    const stdout = (failure as { stdout: string }).stdout;
    expect(stdout).toMatch(/^openai\s+models\s+ok\s+\d+ ms$/m);
    expect(stdout).toMatch(/^claude\s+models\s+failing\s+\d+ ms\s+\S.*$/m);
    // The check gives up after HEALTH_CHECK_TIMEOUT_MS (5 s); nothing may keep the process alive that long.
    expect(elapsed).toBeLessThan(4000);
  });

  it('ends llm health right after the health timeout when a provider never answers', async () => {
    fixture = await startCliFixture();
    fixture.simulator.script({ match: { path: /\/models/ }, fault: 'hang', times: Infinity });
    const started = Date.now();
    const failure = await run(process.execPath, [bin, 'health', '--config', fixture.configFile], {
      env: { ...process.env, ...CLI_ENV },
    }).catch((error: { code: number; stdout: string }) => error);
    const elapsed = Date.now() - started;
    expect((failure as { code: number }).code).toBe(1);
    expect((failure as { stdout: string }).stdout).toMatch(
      new RegExp(
        `^openai\\s+models\\s+failing\\s+\\d+ ms\\s+no answer within ${HEALTH_CHECK_TIMEOUT_MS} ms$`,
        'm',
      ),
    );
    expect(elapsed).toBeLessThan(HEALTH_CHECK_TIMEOUT_MS + 3000);
  }, 20_000);

  it('exits non-zero with a one-line error and no stack trace on a broken config', async () => {
    fixture = await startCliFixture();
    const failure = await run(process.execPath, [
      bin,
      'config',
      'validate',
      '--config',
      `${fixture.directory}/missing.toml`,
    ]).catch((error: { code: number; stderr: string }) => error);
    expect((failure as { code: number }).code).not.toBe(0);
    expect((failure as { stderr: string }).stderr).not.toMatch(/\n\s+at /);
  });
});
