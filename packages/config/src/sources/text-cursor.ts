import { hasErrorIdentity, markErrorIdentity } from '@llm/core';
import type { ConfigPath } from '../issues/config-path';

/** 1-based line and column of a key in a file. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** A key defined twice in one file. */
export interface DuplicateKey {
  path: ConfigPath;
  position: SourcePosition;
  first: SourcePosition;
}

/** Where each key of a file is, keyed by its formatted path (see formatConfigPath). */
export interface SourceLocations {
  positions: Map<string, SourcePosition>;
  duplicates: DuplicateKey[];
}

const SOURCE_SYNTAX_ERROR_IDENTITY = '@llm/config-source-syntax-error';

/**
 * A syntax error found while scanning a config file, at a position. The readers turn it into a
 * located ConfigIssue; it never reaches a user as such. `SourceSyntaxError.is(value)` identifies it.
 */
export class SourceSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: SourcePosition,
  ) {
    super(message);
    this.name = 'SourceSyntaxError';
    markErrorIdentity(this, SOURCE_SYNTAX_ERROR_IDENTITY);
  }

  static is(value: unknown): value is SourceSyntaxError {
    return hasErrorIdentity(value, SOURCE_SYNTAX_ERROR_IDENTITY);
  }
}

/** Reads a text one character at a time, tracking line and column. */
export class TextCursor {
  #index = 0;
  #line = 1;
  #lineStart = 0;

  constructor(readonly text: string) {}

  atEnd(): boolean {
    return this.#index >= this.text.length;
  }

  peek(offset = 0): string {
    return this.text[this.#index + offset] ?? '';
  }

  /** The next `length` characters (fewer at the end). */
  lookahead(length: number): string {
    return this.text.slice(this.#index, this.#index + length);
  }

  startsWith(prefix: string): boolean {
    return this.text.startsWith(prefix, this.#index);
  }

  advance(count = 1): void {
    for (let step = 0; step < count && !this.atEnd(); step++) {
      if (this.text[this.#index] === '\n') {
        this.#line++;
        this.#lineStart = this.#index + 1;
      }
      this.#index++;
    }
  }

  /** Consumes characters while `predicate` holds; returns them. */
  consumeWhile(predicate: (character: string) => boolean): string {
    const start = this.#index;
    while (!this.atEnd() && predicate(this.peek())) this.advance();
    return this.text.slice(start, this.#index);
  }

  position(): SourcePosition {
    return { line: this.#line, column: this.#index - this.#lineStart + 1 };
  }

  expect(token: string, what = `"${token}"`): void {
    if (!this.startsWith(token)) this.fail(`expected ${what}`);
    this.advance(token.length);
  }

  fail(message: string): never {
    throw new SourceSyntaxError(message, this.position());
  }
}
