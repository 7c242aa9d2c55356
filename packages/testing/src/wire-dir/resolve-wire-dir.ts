import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

export interface ResolveWireDirOptions {
  readonly explicit?: string | undefined;
  readonly environment?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
}

/**
 * Where recorded wire files live: the explicit option, else `$LLM_WIRE_DIR`, else the first
 * `<ancestor>/shared/wire` found walking up from the cwd. Undefined when none is found.
 */
export function resolveWireDir(options: ResolveWireDirOptions = {}): string | undefined {
  if (options.explicit !== undefined) return resolve(options.explicit);
  const fromEnvironment = (options.environment ?? process.env)['LLM_WIRE_DIR'];
  if (fromEnvironment !== undefined && fromEnvironment !== '') return resolve(fromEnvironment);
  let directory = resolve(options.cwd ?? process.cwd());
  for (;;) {
    const candidate = join(directory, 'shared', 'wire');
    if (isDirectory(candidate)) return candidate;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}
