import type { TextCursor } from './text-cursor';

const BARE_KEY_CHARACTER = /[A-Za-z0-9_-]/;

export function skipSpaces(cursor: TextCursor): void {
  cursor.consumeWhile((character) => character === ' ' || character === '\t');
}

/** Skips spaces, comments and (when `newlines`) line breaks. */
export function skipBlank(cursor: TextCursor, newlines: boolean): void {
  for (;;) {
    skipSpaces(cursor);
    const character = cursor.peek();
    if (character === '#') cursor.consumeWhile((next) => next !== '\n');
    else if (newlines && (character === '\n' || character === '\r')) cursor.advance();
    else return;
  }
}

/** Ends a statement: only a comment may follow on its line. */
export function finishLine(cursor: TextCursor): void {
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
export function readString(cursor: TextCursor): string {
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
      throw Object.assign(new Error('unterminated string'), { start });
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
export function readKey(cursor: TextCursor): string[] {
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
