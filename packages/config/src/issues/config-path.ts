/** A location in the config tree: table keys and array indexes, e.g. ['llm', 'budgets', 0, 'limit']. */
export type ConfigPath = readonly (string | number)[];

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

/**
 * The dotted form users read and TOML writes: `llm.providers.openai.models."gpt-4.1".pricing`,
 * `llm.budgets[0].limit`. Keys that are not bare TOML keys are quoted, so the form is unambiguous.
 */
export function formatConfigPath(path: ConfigPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      text += `[${segment}]`;
      continue;
    }
    const key = BARE_KEY.test(segment) ? segment : JSON.stringify(segment);
    text += text ? `.${key}` : key;
  }
  return text;
}

/** The value at `path` inside a plain tree, or undefined. */
export function valueAtPath(tree: unknown, path: ConfigPath): unknown {
  let node = tree;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/** An issue before it is located in a file or source: a path, a message and maybe a suggestion. */
export interface IssueDraft {
  path: ConfigPath;
  message: string;
  suggestion?: string;
}

/** A plain key/value table (not an array, a date or null). */
export function isTable(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
  );
}
