import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

/** The absolute path of a replay file, or an Error that names what is missing. */
export function replayPath(wireDir: string | undefined, file: string): string | Error {
  if (isAbsolute(file))
    return existsSync(file) ? file : new Error(`llm-sim: replay file not found: ${file}`);
  if (wireDir === undefined) {
    return new Error(
      `llm-sim: cannot replay "${file}": no wire folder (pass wireDir, set $LLM_WIRE_DIR, or keep the fixtures/wire folder this package ships)`,
    );
  }
  const path = resolve(wireDir, file);
  return existsSync(path) ? path : new Error(`llm-sim: replay file not found: ${path}`);
}
