import { readFileSync } from 'node:fs';
import { parse, TomlError } from 'smol-toml';
import type { ConfigIssue } from '../issues/config-error';
import { formatConfigPath } from '../issues/config-path';
import { locateJsonKeys } from './locate-json-keys';
import { locateTomlKeys } from './locate-toml-keys';
import { SourceSyntaxError, type DuplicateKey, type SourcePosition } from './text-cursor';

export type ConfigFormat = 'toml' | 'json';

/** One file read and parsed: its data (absent when unreadable) and where each key is. */
export interface ParsedSource {
  file: string;
  data?: Record<string, unknown>;
  positions: Map<string, SourcePosition>;
  issues: ConfigIssue[];
}

/** `.json` files are JSON; everything else is TOML. */
function configFormatOf(file: string): ConfigFormat {
  return file.toLowerCase().endsWith('.json') ? 'json' : 'toml';
}

const KIND_BY_PARENT: Readonly<Record<string, string>> = { models: 'model', providers: 'provider' };

/** `model "gpt-4" is defined twice (first at line 12)` for a key a file defines twice. */
function describeDuplicate(duplicate: DuplicateKey, file: string): ConfigIssue {
  const key = String(duplicate.path[duplicate.path.length - 1]);
  const kind = KIND_BY_PARENT[String(duplicate.path[duplicate.path.length - 2])];
  const subject = kind ? `${kind} "${key}"` : `key "${key}"`;
  return {
    path: formatConfigPath(duplicate.path),
    message: `${subject} is defined twice (first at line ${duplicate.first.line})`,
    file,
    line: duplicate.position.line,
    column: duplicate.position.column,
  };
}

function parseJsonSource(text: string, file: string): ParsedSource {
  let located: ReturnType<typeof locateJsonKeys>;
  try {
    located = locateJsonKeys(text);
  } catch (error) {
    if (!SourceSyntaxError.is(error)) throw error;
    const { line, column } = error.position;
    return {
      file,
      positions: new Map(),
      issues: [{ path: '', message: `JSON syntax error: ${error.message}`, file, line, column }],
    };
  }
  const { positions, duplicates } = located;
  if (duplicates.length > 0)
    return {
      file,
      positions,
      issues: duplicates.map((duplicate) => describeDuplicate(duplicate, file)),
    };
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    // The scanner accepts only valid JSON; this guards against a gap in it without echoing the text.
    return { file, positions, issues: [{ path: '', message: 'JSON syntax error', file }] };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return {
      file,
      positions,
      issues: [
        { path: '', message: 'expected a JSON object at the top level', file, line: 1, column: 1 },
      ],
    };
  }
  return { file, data: data as Record<string, unknown>, positions, issues: [] };
}

/** smol-toml's message is `Invalid TOML document: <what>\n\n<code excerpt>`; the excerpt may show a secret. */
function shortTomlMessage(error: TomlError): string {
  const firstLine = error.message.split('\n')[0] ?? '';
  return firstLine.replace(/^Invalid TOML document:\s*/, '');
}

function parseTomlSource(text: string, file: string): ParsedSource {
  const { positions, duplicates } = locateTomlKeys(text);
  try {
    return { file, data: parse(text) as Record<string, unknown>, positions, issues: [] };
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const issues = duplicates.map((duplicate) => describeDuplicate(duplicate, file));
    if (!duplicates.some((duplicate) => duplicate.position.line === error.line)) {
      issues.push({
        path: '',
        message: `TOML syntax error: ${shortTomlMessage(error)}`,
        file,
        line: error.line,
        column: error.column,
      });
    }
    return { file, positions, issues };
  }
}

export function parseConfigText(
  text: string,
  file: string,
  format: ConfigFormat = configFormatOf(file),
): ParsedSource {
  return format === 'json' ? parseJsonSource(text, file) : parseTomlSource(text, file);
}

export interface ReadConfigSourceOptions {
  /** A missing required file is an issue; a missing optional one is simply absent (no data, no issue). */
  required: boolean;
}

/** Reads and parses a TOML or JSON file; never throws for a missing or malformed file. */
export function readConfigSource(file: string, options: ReadConfigSourceOptions): ParsedSource {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !options.required) return { file, positions: new Map(), issues: [] };
    const message =
      code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? 'unknown error'})`;
    return { file, positions: new Map(), issues: [{ path: '', message, file }] };
  }
  return parseConfigText(text, file);
}
