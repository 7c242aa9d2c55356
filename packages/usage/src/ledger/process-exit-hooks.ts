/** Something holding records in memory that must reach the disk before the process ends. */
export interface ExitFlushable {
  /** Synchronous: only synchronous I/O completes in `exit` and signal handlers. */
  flushSync(): void;
  flush(): Promise<void>;
}

const registered = new Set<ExitFlushable>();
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
let installed = false;

function flushAllSync(): void {
  for (const target of registered) {
    try {
      target.flushSync();
    } catch {
      // Nothing more can be done while the process is ending; the other targets still get their turn.
    }
  }
}

const onSignal = (signal: NodeJS.Signals) => {
  flushAllSync();
  // If nobody else handles the signal, behave as if we had not been listening: end the process.
  if (process.listenerCount(signal) === 1) {
    uninstall();
    process.kill(process.pid, signal);
  }
};
const onBeforeExit = () => {
  for (const target of registered) void target.flush().catch(() => undefined);
};

function install(): void {
  installed = true;
  for (const signal of SIGNALS) process.on(signal, onSignal);
  process.on('beforeExit', onBeforeExit);
  process.on('exit', flushAllSync);
}

function uninstall(): void {
  installed = false;
  for (const signal of SIGNALS) process.off(signal, onSignal);
  process.off('beforeExit', onBeforeExit);
  process.off('exit', flushAllSync);
}

/**
 * Flushes `target` on SIGINT, SIGTERM, beforeExit and exit. A signal nobody else listens to still
 * ends the process (re-raised after the flush). Returns the function that unregisters it.
 */
export function flushOnProcessExit(target: ExitFlushable): () => void {
  registered.add(target);
  if (!installed) install();
  return () => {
    registered.delete(target);
    if (registered.size === 0 && installed) uninstall();
  };
}
