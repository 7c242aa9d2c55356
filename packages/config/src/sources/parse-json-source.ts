import { describeDuplicate } from './describe-duplicate';
import { locateJsonKeys } from './locate-json-keys';
import type { ParsedSource } from './parsed-source';
import { SourceSyntaxError } from './source-locations';

export function parseJsonSource(text: string, file: string): ParsedSource {
  let located: ReturnType<typeof locateJsonKeys>;
  try {
    located = locateJsonKeys(text);
  } catch (error) {
    if (!(error instanceof SourceSyntaxError)) throw error;
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
