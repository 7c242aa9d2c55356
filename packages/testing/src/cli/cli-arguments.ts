export interface CliArguments {
  readonly port: number;
  readonly wireDir: string | undefined;
  readonly apiKeys: string[] | undefined;
  readonly help: boolean;
}

export const CLI_USAGE = `Usage: llm-sim [--port N] [--wire-dir DIR] [--api-key KEY]...

Starts the loopback LLM simulator (OpenAI, Anthropic, Azure OpenAI wire protocols) on 127.0.0.1
and runs until SIGINT/SIGTERM.

  --port N         port to listen on (default 0: a random free port)
  --wire-dir DIR   folder of recorded wire files for replays (default: $LLM_WIRE_DIR, else the bundled recordings)
  --api-key KEY    accept only this key (repeatable; default: any non-empty key)
  --help           show this help`;

/** Parse `llm-sim` arguments; throws an Error whose message says what is wrong. */
export function parseCliArguments(argv: readonly string[]): CliArguments {
  let port = 0;
  let wireDir: string | undefined;
  const apiKeys: string[] = [];
  let help = false;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? '';
    const [flag, inline] =
      argument.startsWith('--') && argument.includes('=')
        ? argument.split(/=(.*)/s, 2)
        : [argument, undefined];
    const value = (): string => {
      const next = inline ?? argv[(index += 1)];
      if (next === undefined || next === '') throw new Error(`${flag} needs a value`);
      return next;
    };
    if (flag === '--help' || flag === '-h') help = true;
    else if (flag === '--port') {
      const text = value();
      port = Number(text);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new Error(`--port must be 0-65535 (got "${text}")`);
    } else if (flag === '--wire-dir') wireDir = value();
    else if (flag === '--api-key') apiKeys.push(value());
    else throw new Error(`unknown argument "${argument}"`);
  }
  return { port, wireDir, apiKeys: apiKeys.length > 0 ? apiKeys : undefined, help };
}
