import { renameSync, writeFileSync } from 'node:fs';
import type { MergePatch } from './merge-patch';

/** Writes the overrides file atomically (a temporary file renamed over it), so a watcher never reads half of it. */
export function writeOverridesFile(file: string, data: MergePatch): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}
