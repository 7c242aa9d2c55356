// The wire folder: where recorded wire files are found, and the path of one replay file in it.
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/**
 * The recorded wire files this package ships (`fixtures/wire`), found by walking up from this
 * module: `src/replay/` while testing from source, `dist/` once built. Undefined if absent.
 */
export function bundledWireDir(
  from: string = dirname(fileURLToPath(import.meta.url)),
): string | undefined {
  for (let directory = resolve(from); ; directory = dirname(directory)) {
    const candidate = join(directory, 'fixtures', 'wire');
    if (isDirectory(candidate)) return candidate;
    if (dirname(directory) === directory) return undefined;
  }
}

export interface ResolveWireDirOptions {
  readonly explicit?: string | undefined;
  readonly environment?: Readonly<Record<string, string | undefined>>;
  /** Where to look for the bundled fixtures; default: this module's folder. */
  readonly bundledFrom?: string;
}

/**
 * Where recorded wire files live: the explicit option, else `$LLM_WIRE_DIR`, else the fixtures
 * shipped with this package. Undefined when none of them exists.
 */
export function resolveWireDir(options: ResolveWireDirOptions = {}): string | undefined {
  if (options.explicit !== undefined) return resolve(options.explicit);
  const fromEnvironment = (options.environment ?? process.env)['LLM_WIRE_DIR'];
  if (fromEnvironment !== undefined && fromEnvironment !== '') return resolve(fromEnvironment);
  return bundledWireDir(options.bundledFrom);
}

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
