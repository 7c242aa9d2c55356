import { formatConfigPath, type ConfigPath } from '../issues/config-path';
import {
  SourceSyntaxError,
  TextCursor,
  type SourceLocations,
  type SourcePosition,
} from './text-cursor';

const BARE_KEY_CHARACTER = /[A-Za-z0-9_-]/;

function skipSpaces(cursor: TextCursor): void {
  cursor.consumeWhile((character) => character === ' ' || character === '\t');
}

/** Skips spaces, comments and (when `newlines`) line breaks. */
function skipBlank(cursor: TextCursor, newlines: boolean): void {
  for (;;) {
    skipSpaces(cursor);
    const character = cursor.peek();
    if (character === '#') cursor.consumeWhile((next) => next !== '\n');
    else if (newlines && (character === '\n' || character === '\r')) cursor.advance();
    else return;
  }
}

/** Ends a statement: only a comment may follow on its line. */
function finishLine(cursor: TextCursor): void {
  skipBlank(cursor, false);
  if (cursor.peek() === '\r') cursor.advance();
  if (!cursor.atEnd() && cursor.peek() !== '\n') cursor.fail('expected the end of the line');
}

function unescapeBasic(raw: string): string {
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.slice(1, -1);
  }
}

/** Skips any TOML string (basic, literal, multi-line) and returns its raw text including quotes. */
function readString(cursor: TextCursor): string {
  const start = cursor.position();
  const delimiter = cursor.startsWith('"""')
    ? '"""'
    : cursor.startsWith("'''")
      ? "'''"
      : cursor.peek();
  const text: string[] = [delimiter];
  cursor.advance(delimiter.length);
  const escapes = delimiter.startsWith('"');
  const multiline = delimiter.length === 3;
  for (;;) {
    if (cursor.atEnd() || (!multiline && cursor.peek() === '\n')) {
      throw new SourceSyntaxError('unterminated string', start);
    }
    if (cursor.startsWith(delimiter)) {
      cursor.advance(delimiter.length);
      return text.join('') + delimiter;
    }
    if (escapes && cursor.peek() === '\\') {
      text.push(cursor.peek(), cursor.peek(1));
      cursor.advance(2);
      continue;
    }
    text.push(cursor.peek());
    cursor.advance();
  }
}

/** Reads a dotted key (`a."b.c".'d'`) into its segments. */
function readKey(cursor: TextCursor): string[] {
  const segments: string[] = [];
  for (;;) {
    skipSpaces(cursor);
    const character = cursor.peek();
    if (character === '"') segments.push(unescapeBasic(readString(cursor)));
    else if (character === "'") segments.push(readString(cursor).slice(1, -1));
    else {
      const bare = cursor.consumeWhile((next) => BARE_KEY_CHARACTER.test(next));
      if (!bare) cursor.fail('expected a key');
      segments.push(bare);
    }
    skipSpaces(cursor);
    if (cursor.peek() !== '.') return segments;
    cursor.advance();
  }
}

const SCALAR_END = new Set([',', ']', '}', '\n', '\r', '#']);

/**
 * Scans TOML text for table headers, arrays of tables and keys (dotted, quoted, inside inline tables
 * and arrays) and maps each key path to its line and column. smol-toml reports no positions, so
 * this is how validation issues get them. Best effort: on a syntax error the positions found so far
 * are returned (smol-toml reports the error itself).
 */
export function locateTomlKeys(text: string): SourceLocations {
  const locator = new TomlKeyLocator(text);
  try {
    locator.run();
  } catch {
    // Positions found before the syntax error are still useful.
  }
  return { positions: locator.positions, duplicates: locator.duplicates };
}

class TomlKeyLocator {
  readonly positions = new Map<string, SourcePosition>();
  readonly duplicates: SourceLocations['duplicates'] = [];
  readonly #cursor: TextCursor;
  readonly #defined = new Map<string, SourcePosition>();
  readonly #arrayLengths = new Map<string, number>();

  constructor(text: string) {
    this.#cursor = new TextCursor(text);
  }

  run(): void {
    let table: ConfigPath = [];
    for (;;) {
      skipBlank(this.#cursor, true);
      if (this.#cursor.atEnd()) return;
      if (this.#cursor.peek() === '[') table = this.#header();
      else this.#keyValue(table);
      finishLine(this.#cursor);
    }
  }

  #header(): ConfigPath {
    const position = this.#cursor.position();
    const isArray = this.#cursor.startsWith('[[');
    this.#cursor.advance(isArray ? 2 : 1);
    const segments = readKey(this.#cursor);
    this.#cursor.expect(isArray ? ']]' : ']');
    if (!isArray) {
      const path = this.#resolveArrays(segments);
      this.#define(path, position);
      return path;
    }
    const path = [...this.#resolveArrays(segments.slice(0, -1)), segments[segments.length - 1]!];
    const formatted = formatConfigPath(path);
    const index = this.#arrayLengths.get(formatted) ?? 0;
    this.#arrayLengths.set(formatted, index + 1);
    this.#record(path, position);
    this.#record([...path, index], position);
    return [...path, index];
  }

  /** A header `[a.b]` below an array of tables `[[a]]` refers to the array's last element. */
  #resolveArrays(segments: readonly string[]): ConfigPath {
    const path: (string | number)[] = [];
    for (const segment of segments) {
      path.push(segment);
      const length = this.#arrayLengths.get(formatConfigPath(path));
      if (length !== undefined) path.push(length - 1);
    }
    return path;
  }

  #keyValue(table: ConfigPath): void {
    const position = this.#cursor.position();
    const segments = readKey(this.#cursor);
    this.#cursor.expect('=');
    skipSpaces(this.#cursor);
    for (let length = 1; length < segments.length; length++)
      this.#record([...table, ...segments.slice(0, length)], position);
    const path = [...table, ...segments];
    this.#define(path, position);
    this.#value(path);
  }

  #value(path: ConfigPath): void {
    const character = this.#cursor.peek();
    if (character === '"' || character === "'") readString(this.#cursor);
    else if (character === '[') this.#array(path);
    else if (character === '{') this.#inlineTable(path);
    else if (!this.#cursor.consumeWhile((next) => !SCALAR_END.has(next)).trim())
      this.#cursor.fail('expected a value');
  }

  #array(path: ConfigPath): void {
    this.#cursor.advance();
    for (let index = 0; ; index++) {
      skipBlank(this.#cursor, true);
      if (this.#cursor.peek() === ']') break;
      this.#record([...path, index], this.#cursor.position());
      this.#value([...path, index]);
      skipBlank(this.#cursor, true);
      if (this.#cursor.peek() !== ',') break;
      this.#cursor.advance();
    }
    this.#cursor.expect(']');
  }

  #inlineTable(path: ConfigPath): void {
    this.#cursor.advance();
    for (;;) {
      skipBlank(this.#cursor, true);
      if (this.#cursor.peek() === '}') break;
      const position = this.#cursor.position();
      const segments = readKey(this.#cursor);
      this.#cursor.expect('=');
      skipSpaces(this.#cursor);
      const child = [...path, ...segments];
      this.#define(child, position);
      this.#value(child);
      skipBlank(this.#cursor, true);
      if (this.#cursor.peek() !== ',') break;
      this.#cursor.advance();
    }
    this.#cursor.expect('}');
  }

  #define(path: ConfigPath, position: SourcePosition): void {
    const formatted = formatConfigPath(path);
    const first = this.#defined.get(formatted);
    // Keys below a table that is itself defined twice are not separate problems.
    const insideDuplicate = this.duplicates.some((duplicate) =>
      formatted.startsWith(`${formatConfigPath(duplicate.path)}.`),
    );
    if (first && !insideDuplicate) this.duplicates.push({ path, position, first });
    else this.#defined.set(formatted, position);
    this.#record(path, position);
  }

  #record(path: ConfigPath, position: SourcePosition): void {
    const formatted = formatConfigPath(path);
    if (!this.positions.has(formatted)) this.positions.set(formatted, position);
  }
}
