import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export interface FindConfigFileOptions {
  /** `--config`: used as given (resolved against cwd), even when the file does not exist. */
  explicit?: string;
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
}

/** The file names looked for in the working directory when neither --config nor $LLM_CONFIG names one. */
export const DEFAULT_CONFIG_FILE_NAMES: readonly string[] = ['llm.toml', 'llm.json'];

/** `--config`, then `$LLM_CONFIG`, then `./llm.toml` (or `./llm.json`) when it exists; undefined when none. */
export function findConfigFile(options: FindConfigFileOptions = {}): string | undefined {
  const cwd = options.cwd ?? process.cwd();
  if (options.explicit) return resolve(cwd, options.explicit);
  const fromEnvironment = (options.env ?? process.env).LLM_CONFIG;
  if (fromEnvironment) return resolve(cwd, fromEnvironment);
  return DEFAULT_CONFIG_FILE_NAMES.map((name) => resolve(cwd, name)).find((file) =>
    existsSync(file),
  );
}
