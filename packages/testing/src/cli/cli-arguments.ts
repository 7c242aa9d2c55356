import type { SimulatorFault } from '../simulator-types';

export interface CliArguments {
  readonly port: number;
  readonly wireDir: string | undefined;
  readonly apiKeys: string[] | undefined;
  readonly help: boolean;
  /** What a failing request gets: an HTTP status, or one of the simulator's faults. */
  readonly fault: number | SimulatorFault | undefined;
  /** The share of chat requests that fail (0-1); default 1 when a fault is given. */
  readonly failRate: number | undefined;
  /** Milliseconds before every answer's headers. */
  readonly latencyMs: number | undefined;
  /** The seed of the random choice of failing requests, so a rehearsal can be repeated. */
  readonly seed: number;
  /** Do not print a line per request. */
  readonly quiet: boolean;
}

const FAULTS: readonly SimulatorFault[] = [
  'drop-before-headers',
  'drop-mid-stream',
  'mid-stream-error',
  'malformed-json',
  'garbled-event',
  'hang',
];

export const CLI_USAGE = `Usage: llm-sim [--port N] [--wire-dir DIR] [--api-key KEY]... [--fault F] [--fail-rate R] [--latency MS] [--hang] [--seed N] [--quiet]

Starts the loopback LLM simulator (OpenAI, Anthropic, Azure OpenAI wire protocols) on 127.0.0.1,
prints a ready-to-use llm.toml for it, logs each request, and runs until SIGINT/SIGTERM.

  --port N         port to listen on (default 0: a random free port)
  --wire-dir DIR   folder of recorded wire files for replays (default: $LLM_WIRE_DIR, else the bundled recordings)
  --api-key KEY    accept only this key (repeatable; default: any non-empty key)
  --fault F        fail chat requests with HTTP status F (429, 500, 503…) or a fault:
                   ${FAULTS.join(', ')}
  --fail-rate R    fail only this share of chat requests, 0-1 (default 1; alone it fails with 503)
  --latency MS     wait MS milliseconds before answering every chat request
  --hang           accept chat requests and never answer (same as --fault hang)
  --seed N         seed of the random choice of failing requests (default 1)
  --quiet          do not log each request
  --help           show this help`;

function numberIn(flag: string, text: string, min: number, max: number, integer: boolean): number {
  const value = Number(text);
  if (
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  )
    throw new Error(
      `${flag} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max} (got "${text}")`,
    );
  return value;
}

function parseFault(text: string): number | SimulatorFault {
  if (/^\d+$/.test(text)) return numberIn('--fault', text, 400, 599, true);
  if ((FAULTS as readonly string[]).includes(text)) return text as SimulatorFault;
  throw new Error(
    `--fault takes an HTTP status 400-599 or one of ${FAULTS.join(', ')} (got "${text}")`,
  );
}

/** Parse `llm-sim` arguments; throws an Error whose message says what is wrong. */
export function parseCliArguments(argv: readonly string[]): CliArguments {
  let port = 0;
  let wireDir: string | undefined;
  const apiKeys: string[] = [];
  let help = false;
  let fault: CliArguments['fault'];
  let failRate: number | undefined;
  let latencyMs: number | undefined;
  let seed = 1;
  let quiet = false;
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
    else if (flag === '--fault') fault = parseFault(value());
    else if (flag === '--hang') fault = 'hang';
    else if (flag === '--fail-rate') failRate = numberIn('--fail-rate', value(), 0, 1, false);
    else if (flag === '--latency') latencyMs = numberIn('--latency', value(), 0, 600_000, true);
    else if (flag === '--seed') seed = numberIn('--seed', value(), 0, 2 ** 31, true);
    else if (flag === '--quiet') quiet = true;
    else throw new Error(`unknown argument "${argument}"`);
  }
  if (failRate !== undefined && fault === undefined) fault = 503;
  return {
    port,
    wireDir,
    apiKeys: apiKeys.length > 0 ? apiKeys : undefined,
    help,
    fault,
    failRate,
    latencyMs,
    seed,
    quiet,
  };
}
