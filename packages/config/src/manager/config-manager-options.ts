import type { Clock, Logger } from '@llm/core';
import type { LoadConfigOptions } from '../load/load-config-options';

export interface ConfigManagerOptions extends LoadConfigOptions {
  /** Watch the config file, its overrides file, `.env` and the price file, and reload on change. Default false. */
  watch?: boolean;
  /** Quiet period after the last file event before reloading. Default 50 ms. */
  debounceMs?: number;
  /** Default: the system clock (tests inject a manual one). */
  clock?: Clock;
  /** Write runtime changes (addProvider/updateProvider/removeProvider) to the overrides file. Default false: live only. */
  persistChanges?: boolean;
  /** Default: silent. Receives reloads and rejected reloads; never secrets. */
  logger?: Logger;
}

export const DEFAULT_DEBOUNCE_MS = 50;
