import type { ConfigIssue } from '../issues/config-issue';

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
