// The opt-in call log: each call's messages and answer, secrets scanned out and size-capped, kept in
// the ledger folder (`calls/calls-YYYY-MM-DD.jsonl`) beside the usage records, keyed by call id.
import { appendFile, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createSecretScanner, truncateUtf8 } from '@llm/core';
import { DAY_MS, dayKey, dayStart, parseDayKey } from './utc-time';

/** What the manager hands the call log when a call ends. */
export interface CallContentInput {
  readonly call_id: string;
  /** Epoch ms when the call started. */
  readonly timestamp: number;
  readonly operation: 'chat' | 'embedding';
  /** The request as the caller gave it. */
  readonly request: unknown;
  /** The answer's text. */
  readonly content?: string;
  readonly outcome: string;
  readonly error_message?: string;
}

/** One call as the call log keeps it. */
export interface CallLogEntry {
  readonly call_id: string;
  readonly timestamp: number;
  readonly operation: 'chat' | 'embedding';
  readonly model?: string;
  /** The request's messages (chat) or input (embeddings), each text cut to `max_content_bytes`. */
  readonly messages?: unknown;
  readonly answer?: string;
  readonly outcome: string;
  readonly error_message?: string;
  /** True when some text was cut to fit `max_content_bytes`. */
  readonly truncated?: boolean;
}

export interface CallLogOptions {
  /** The ledger folder; the log is kept in memory when there is none (a memory ledger). */
  readonly directory?: string;
  /** The most bytes kept of each text (default 8192). */
  readonly maxContentBytes?: number;
  /** The configured secrets, scanned out of every text. */
  readonly secrets?: () => Iterable<string | undefined>;
}

export const DEFAULT_CALL_LOG_CONTENT_BYTES = 8192;
const FOLDER = 'calls';
const FILE = /^calls-(\d{4}-\d{2}-\d{2})\.jsonl$/;

/** The entry the log stores for a call: scanned, capped, only the fields that describe the exchange. */
export function callLogEntry(input: CallContentInput, options: CallLogOptions = {}): CallLogEntry {
  const scanner = createSecretScanner(options.secrets);
  const limit = options.maxContentBytes ?? DEFAULT_CALL_LOG_CONTENT_BYTES;
  let truncated = false;
  const cap = (text: string) => {
    const kept = truncateUtf8(scanner.text(text), limit);
    if (kept.length < text.length && Buffer.byteLength(text) > limit) truncated = true;
    return kept;
  };
  const capDeep = (value: unknown, depth = 0): unknown => {
    if (typeof value === 'string') return cap(value);
    if (value === null || typeof value !== 'object' || depth > 8) return value;
    if (Array.isArray(value)) return value.map((item) => capDeep(item, depth + 1));
    return Object.fromEntries(
      Object.entries(scanner.value(value as Record<string, unknown>)).map(([key, item]) => [
        key,
        capDeep(item, depth + 1),
      ]),
    );
  };
  const request = (
    typeof input.request === 'object' && input.request !== null ? input.request : {}
  ) as Record<string, unknown>;
  const messages = capDeep(
    input.operation === 'embedding' ? request['input'] : request['messages'],
  );
  const answer = input.content === undefined ? undefined : cap(input.content);
  return {
    call_id: input.call_id,
    timestamp: input.timestamp,
    operation: input.operation,
    ...(typeof request['model'] === 'string' ? { model: request['model'] } : {}),
    ...(messages === undefined ? {} : { messages }),
    ...(answer === undefined ? {} : { answer }),
    outcome: input.outcome,
    ...(input.error_message === undefined ? {} : { error_message: cap(input.error_message) }),
    ...(truncated ? { truncated: true } : {}),
  };
}

/** Where call-log entries live; writes are queued so `get` and `close` see every earlier `append`. */
export class CallLog {
  readonly #options: CallLogOptions;
  readonly #memory: CallLogEntry[] = [];
  #writes: Promise<void> = Promise.resolve();

  constructor(options: CallLogOptions = {}) {
    this.#options = options;
  }

  get #folder(): string | undefined {
    return this.#options.directory === undefined
      ? undefined
      : join(this.#options.directory, FOLDER);
  }

  /** Stores a call; a write that fails is reported through the returned promise, never thrown later. */
  append(input: CallContentInput): Promise<void> {
    const entry = callLogEntry(input, this.#options);
    const folder = this.#folder;
    if (folder === undefined) {
      this.#memory.push(entry);
      return Promise.resolve();
    }
    const write = this.#writes.then(async () => {
      await mkdir(folder, { recursive: true });
      await appendFile(
        join(folder, `calls-${dayKey(entry.timestamp)}.jsonl`),
        `${JSON.stringify(entry)}\n`,
      );
    });
    this.#writes = write.catch(() => undefined);
    return write;
  }

  /** The entry of `callId`, newest file first; undefined when the call was not logged. */
  async get(callId: string): Promise<CallLogEntry | undefined> {
    await this.#writes;
    const folder = this.#folder;
    if (folder === undefined) return this.#memory.find((entry) => entry.call_id === callId);
    for (const file of (await this.#files()).reverse()) {
      const text = await readFile(join(folder, file), 'utf8');
      for (const line of text.split('\n')) {
        if (!line.includes(callId)) continue;
        try {
          const entry = JSON.parse(line) as CallLogEntry;
          if (entry.call_id === callId) return entry;
        } catch {
          // A torn last line of a crashed writer holds no whole entry.
        }
      }
    }
    return undefined;
  }

  /** Deletes the days older than `retentionDays`, like the ledger's cleanup; returns how many files went. */
  async cleanup(now: number, retentionDays: number): Promise<number> {
    await this.#writes;
    const cutoff = dayStart(now) - retentionDays * DAY_MS;
    const folder = this.#folder;
    if (folder === undefined) {
      const before = this.#memory.length;
      const kept = this.#memory.filter((entry) => entry.timestamp >= cutoff);
      this.#memory.splice(0, this.#memory.length, ...kept);
      return before - kept.length;
    }
    let deleted = 0;
    for (const file of await this.#files()) {
      if (parseDayKey(FILE.exec(file)![1]!) >= cutoff) continue;
      await rm(join(folder, file), { force: true });
      deleted += 1;
    }
    return deleted;
  }

  /** Waits for queued writes. */
  async close(): Promise<void> {
    await this.#writes;
  }

  async #files(): Promise<string[]> {
    try {
      return (await readdir(this.#folder!)).filter((name) => FILE.test(name)).sort();
    } catch {
      return [];
    }
  }
}
