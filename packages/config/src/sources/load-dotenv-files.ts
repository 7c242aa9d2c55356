import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ConfigIssue } from '../issues/config-issue';
import { parseDotenv } from './parse-dotenv';

export interface DotenvResult {
  /** The real environment over the `.env` values: a real variable is never overridden. */
  env: Record<string, string | undefined>;
  /** Values that came from `.env` files (so their secrets can be redacted like the environment's). */
  dotenvValues: Record<string, string>;
  files: string[];
  issues: ConfigIssue[];
}

/**
 * Reads `.env` in the given directories, first one winning (the config file's directory before the
 * working directory), under the real environment. Absent files are skipped.
 */
export function loadDotenvFiles(
  directories: readonly string[],
  env: Record<string, string | undefined>,
): DotenvResult {
  const dotenvValues: Record<string, string> = {};
  const files: string[] = [];
  const issues: ConfigIssue[] = [];
  for (const directory of [...new Set(directories.map((entry) => resolve(entry)))].reverse()) {
    const file = resolve(directory, '.env');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const parsed = parseDotenv(text, file);
    Object.assign(dotenvValues, parsed.values);
    files.unshift(file);
    issues.push(...parsed.issues);
  }
  const merged: Record<string, string | undefined> = { ...dotenvValues };
  for (const [name, value] of Object.entries(env)) if (value !== undefined) merged[name] = value;
  return { env: merged, dotenvValues, files, issues };
}
