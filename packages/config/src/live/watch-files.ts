import type { Clock, TimerHandle } from '@llm/core';
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface FileWatcher<Kind> {
  /** Replaces the set of watched files (file path → what it is). */
  setFiles(files: ReadonlyMap<string, Kind>): void;
  close(): void;
}

/**
 * Watches files through their directories, so editors that save by writing a new file and renaming
 * it over the old one (atomic replace) keep being seen. An event whose file name the platform does
 * not report counts for every file of that directory.
 */
export function watchFiles<Kind>(options: {
  onChange: (kind: Kind, file: string) => void;
  onError: (error: Error) => void;
}): FileWatcher<Kind> {
  const watchers = new Map<string, FSWatcher>();
  let files: ReadonlyMap<string, Kind> = new Map();

  const onEvent = (directory: string, name: string | Buffer | null) => {
    for (const [file, kind] of files) {
      if (
        dirname(file) === directory &&
        (name === null || join(directory, name.toString()) === file)
      )
        options.onChange(kind, file);
    }
  };

  return {
    setFiles(next) {
      files = next;
      const directories = new Set([...next.keys()].map((file) => dirname(file)));
      for (const [directory, watcher] of watchers) {
        if (!directories.has(directory)) {
          watcher.close();
          watchers.delete(directory);
        }
      }
      for (const directory of directories) {
        if (watchers.has(directory)) continue;
        try {
          const watcher = watch(directory, { persistent: false }, (_event, name) =>
            onEvent(directory, name),
          );
          watcher.on('error', (error) => options.onError(error));
          watchers.set(directory, watcher);
        } catch (error) {
          options.onError(
            new Error(
              `cannot watch ${directory} for changes to ${[...next.keys()]
                .filter((file) => dirname(file) === directory)
                .map((file) => basename(file))
                .join(', ')}`,
              { cause: error },
            ),
          );
        }
      }
    },
    close() {
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

export interface Debouncer<Reason> {
  /** (Re)starts the quiet period; `run` fires once it passes with every reason collected meanwhile. */
  trigger(reason: Reason): void;
  cancel(): void;
}

/** Trailing-edge debounce on an injectable clock: a burst of triggers (an editor's save) runs once. */
export function createDebouncer<Reason>(options: {
  clock: Clock;
  delayMs: number;
  run: (reasons: ReadonlySet<Reason>) => void;
}): Debouncer<Reason> {
  let timer: TimerHandle | undefined;
  let reasons = new Set<Reason>();
  return {
    trigger(reason) {
      reasons.add(reason);
      timer?.cancel();
      timer = options.clock.setTimer(() => {
        timer = undefined;
        const collected = reasons;
        reasons = new Set();
        options.run(collected);
      }, options.delayMs);
    },
    cancel() {
      timer?.cancel();
      timer = undefined;
      reasons = new Set();
    },
  };
}
