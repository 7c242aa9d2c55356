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

/** A syntax error found while scanning, at a position. */
export class SourceSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: SourcePosition,
  ) {
    super(message);
    this.name = 'SourceSyntaxError';
  }
}
