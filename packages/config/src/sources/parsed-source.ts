import type { ConfigIssue } from '../issues/config-issue';
import type { SourcePosition } from './source-locations';

export type ConfigFormat = 'toml' | 'json';

/** One file read and parsed: its data (absent when unreadable) and where each key is. */
export interface ParsedSource {
  file: string;
  data?: Record<string, unknown>;
  positions: Map<string, SourcePosition>;
  issues: ConfigIssue[];
}

/** `.json` files are JSON; everything else is TOML. */
export function configFormatOf(file: string): ConfigFormat {
  return file.toLowerCase().endsWith('.json') ? 'json' : 'toml';
}
