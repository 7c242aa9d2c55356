import type { ScriptedError } from '../simulator-types';

/** What a protocol handler wants sent; faults are applied when it is sent. */
export type RenderedResponse =
  | { readonly kind: 'json'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'stream'; readonly frames: readonly string[] }
  | { readonly kind: 'error'; readonly error: ScriptedError };
