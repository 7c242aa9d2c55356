import { parseArgs } from 'node:util';
import { LLMError, LLMErrorType } from '@llm/core';
import { runDemo, type DemoOptions } from './run-demo';

export const DEMO_USAGE = `Usage: pnpm demo [-- --real]

A guided tour of the toolkit, offline against the in-process simulator.

Options:
  --real      call the real providers whose API keys are set (OPENAI_API_KEY, ANTHROPIC_API_KEY;
              the calls are billed); sections that need the simulator's faults are skipped
  -h, --help  print this help
`;

export interface DemoArguments {
  readonly real: boolean;
  readonly help: boolean;
}

/** The demo's command line; an unknown flag or a stray word is an `invalid_request` LLMError. */
export function parseDemoArguments(argv: readonly string[]): DemoArguments {
  try {
    const { values } = parseArgs({
      // `pnpm demo -- --real` passes the `--` on.
      args: argv.filter((word) => word !== '--'),
      options: { real: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    return { real: values.real ?? false, help: values.help ?? false };
  } catch (error) {
    throw new LLMError({
      type: LLMErrorType.INVALID_REQUEST,
      message: `demo: ${error instanceof Error ? error.message : String(error)}`,
      retryable: false,
      cause: error,
    });
  }
}

export interface DemoIO {
  stdout(text: string): void;
  stderr(text: string): void;
  env?: DemoOptions['env'];
}

const processIO: DemoIO = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

/**
 * The `demo` command: 0 when every section ran, 1 when a section or the demo failed, 2 for a
 * command-line mistake (with the usage on stderr).
 */
export async function demoCommand(
  argv: readonly string[],
  io: DemoIO = processIO,
  run: typeof runDemo = runDemo,
): Promise<number> {
  let parsed: DemoArguments;
  try {
    parsed = parseDemoArguments(argv);
  } catch (error) {
    io.stderr(`${(error as LLMError).message}\n\n${DEMO_USAGE}`);
    return 2;
  }
  if (parsed.help) {
    io.stdout(DEMO_USAGE);
    return 0;
  }
  try {
    return await run(io.stdout, { real: parsed.real, ...(io.env && { env: io.env }) });
  } catch (error) {
    io.stderr(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
