import { readFileSync } from 'node:fs';
import { configFormatOf, type ConfigFormat, type ParsedSource } from './parsed-source';
import { parseJsonSource } from './parse-json-source';
import { parseTomlSource } from './parse-toml-source';

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
