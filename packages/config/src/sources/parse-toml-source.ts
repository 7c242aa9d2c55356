import { parse, TomlError } from 'smol-toml';
import { describeDuplicate } from './describe-duplicate';
import { locateTomlKeys } from './locate-toml-keys';
import type { ParsedSource } from './parsed-source';

/** smol-toml's message is `Invalid TOML document: <what>\n\n<code excerpt>`; the excerpt may show a secret. */
function shortTomlMessage(error: TomlError): string {
  const firstLine = error.message.split('\n')[0] ?? '';
  return firstLine.replace(/^Invalid TOML document:\s*/, '');
}

export function parseTomlSource(text: string, file: string): ParsedSource {
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
