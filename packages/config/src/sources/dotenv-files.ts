import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ConfigIssue } from '../issues/config-error';

export interface ParsedDotenv {
  values: Record<string, string>;
  issues: ConfigIssue[];
}

const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*/;
const DOUBLE_QUOTE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  '"': '"',
  '\\': '\\',
};

/** Reads a quoted value starting at `lines[index]`, which may continue on the following lines. */
function readQuoted(
  lines: readonly string[],
  index: number,
  start: string,
): { value: string; lastLine: number } | undefined {
  const quote = start[0]!;
  let text = start.slice(1);
  for (let line = index; line < lines.length; line++) {
    const close = quote === '"' ? /(?<!\\)(?:\\\\)*"/.exec(text) : /'/.exec(text);
    if (close) {
      const end = close.index + close[0].length - 1;
      const rest = text.slice(end + 1).trim();
      if (rest && !rest.startsWith('#')) return undefined;
      const raw = text.slice(0, end);
      const value =
        quote === '"'
          ? raw.replace(
              /\\(.)/g,
              (match, character: string) => DOUBLE_QUOTE_ESCAPES[character] ?? match,
            )
          : raw;
      return { value, lastLine: line };
    }
    if (line + 1 < lines.length) text += `\n${lines[line + 1]}`;
  }
  return undefined;
}

/**
 * A small `.env` parser: `KEY=value` lines, optional `export`, `#` comments, single quotes (literal),
 * double quotes (with \n \r \t \" \\ escapes), both of which may span lines, and unquoted values ending
 * at ` #`. No variable expansion inside the file.
 */
export function parseDotenv(text: string, file: string): ParsedDotenv {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const values: Record<string, string> = {};
  const issues: ConfigIssue[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const match = ASSIGNMENT.exec(line);
    if (!match) {
      issues.push({ path: '', message: 'expected KEY=value', file, line: index + 1, column: 1 });
      continue;
    }
    const rest = line.slice(match[0].length);
    if (rest.startsWith('"') || rest.startsWith("'")) {
      const quoted = readQuoted(lines, index, rest);
      if (!quoted) {
        issues.push({
          path: '',
          message: `the quoted value of ${match[1]} is not closed`,
          file,
          line: index + 1,
          column: match[0].length + 1,
        });
        continue;
      }
      values[match[1]!] = quoted.value;
      index = quoted.lastLine;
      continue;
    }
    values[match[1]!] = rest.replace(/\s+#.*$/, '').trim();
  }
  return { values, issues };
}

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
