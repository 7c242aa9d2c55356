import { formatConfigPath, type ConfigPath } from '../issues/config-path';
import { TextCursor, type SourceLocations, type SourcePosition } from './text-cursor';

const MAX_LITERAL_LENGTH = 400;
const VALID_ESCAPE = /^\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/;
const LITERAL = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/;

/**
 * Scans JSON text, mapping each key path to its line and column and noting keys defined twice
 * (JSON.parse silently keeps the last). Throws SourceSyntaxError with a position on invalid JSON —
 * unlike JSON.parse's message, it never quotes the text (which may hold a secret).
 */
export function locateJsonKeys(text: string): SourceLocations {
  const locator = new JsonKeyLocator(text);
  locator.run();
  return { positions: locator.positions, duplicates: locator.duplicates };
}

class JsonKeyLocator {
  readonly positions = new Map<string, SourcePosition>();
  readonly duplicates: SourceLocations['duplicates'] = [];
  readonly #cursor: TextCursor;

  constructor(text: string) {
    this.#cursor = new TextCursor(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  }

  run(): void {
    this.#value([]);
    this.#skipWhitespace();
    if (!this.#cursor.atEnd()) this.#cursor.fail('unexpected content after the JSON value');
  }

  #skipWhitespace(): void {
    this.#cursor.consumeWhile(
      (character) =>
        character === ' ' || character === '\t' || character === '\n' || character === '\r',
    );
  }

  #value(path: ConfigPath): void {
    this.#skipWhitespace();
    const character = this.#cursor.peek();
    if (character === '{') return this.#object(path);
    if (character === '[') return this.#array(path);
    if (character === '"') return void this.#string();
    const literal = LITERAL.exec(this.#cursor.lookahead(MAX_LITERAL_LENGTH))?.[0];
    if (!literal)
      this.#cursor.fail(this.#cursor.atEnd() ? 'unexpected end of JSON' : 'expected a JSON value');
    this.#cursor.advance(literal.length);
  }

  #object(path: ConfigPath): void {
    this.#cursor.advance();
    const seen = new Map<string, SourcePosition>();
    this.#skipWhitespace();
    if (this.#cursor.peek() === '}') return this.#cursor.advance();
    for (;;) {
      this.#skipWhitespace();
      if (this.#cursor.peek() !== '"') this.#cursor.fail('expected a key in double quotes');
      const position = this.#cursor.position();
      const key = JSON.parse(this.#string()) as string;
      const child = [...path, key];
      const first = seen.get(key);
      if (first) this.duplicates.push({ path: child, position, first });
      else seen.set(key, position);
      if (!this.positions.has(formatConfigPath(child)))
        this.positions.set(formatConfigPath(child), position);
      this.#skipWhitespace();
      this.#cursor.expect(':', '":" after the key');
      this.#value(child);
      this.#skipWhitespace();
      if (this.#cursor.peek() === '}') return this.#cursor.advance();
      this.#cursor.expect(',', '"," or "}"');
    }
  }

  #array(path: ConfigPath): void {
    this.#cursor.advance();
    this.#skipWhitespace();
    if (this.#cursor.peek() === ']') return this.#cursor.advance();
    for (let index = 0; ; index++) {
      this.#skipWhitespace();
      const child = [...path, index];
      this.positions.set(formatConfigPath(child), this.#cursor.position());
      this.#value(child);
      this.#skipWhitespace();
      if (this.#cursor.peek() === ']') return this.#cursor.advance();
      this.#cursor.expect(',', '"," or "]"');
    }
  }

  /** Returns the raw string including quotes. */
  #string(): string {
    const characters = ['"'];
    this.#cursor.advance();
    for (;;) {
      const character = this.#cursor.peek();
      if (character === '' || character === '\n') this.#cursor.fail('unterminated string');
      if (character < ' ')
        this.#cursor.fail('control character in a string (write it as an escape, e.g. \\t)');
      if (character === '\\') {
        const escape = VALID_ESCAPE.exec(this.#cursor.lookahead(6))?.[0];
        if (!escape) this.#cursor.fail('invalid escape in a string');
        characters.push(escape);
        this.#cursor.advance(escape.length);
        continue;
      }
      this.#cursor.advance();
      characters.push(character);
      if (character === '"') return characters.join('');
    }
  }
}
