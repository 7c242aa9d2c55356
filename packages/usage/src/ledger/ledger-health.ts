// The ledger's health: what a tracker reports when its folder cannot be written or read.
import { LLMError } from '@llm/core';

/** What went wrong with the ledger folder (`usage_data_dir`). */
export interface LedgerProblem {
  /**
   * `unwritable`: records cannot be written; they are kept in memory, retried, and budgets still
   * count them. `unreadable`: the folder cannot be read (budgets count the records held in memory).
   */
  readonly kind: 'unwritable' | 'unreadable';
  /** The ledger folder, when the store is a folder of files. */
  readonly directory: string | undefined;
  /** The system error code (`EACCES`, `ENOTDIR`, `EROFS`, `ENOSPC`, …), when there is one. */
  readonly errorCode: string | undefined;
  /** One sentence for people: what happened to which folder and what to do. */
  readonly message: string;
  readonly cause: unknown;
}

/** `ok`, or the problem a tracker has had since its last successful write. */
export type LedgerHealth =
  | { readonly ok: true }
  | { readonly ok: false; readonly problem: LedgerProblem; readonly pendingRecords: number };

/** The LLMError code of a query on a ledger folder that cannot be read. */
export const LEDGER_UNREADABLE = 'ledger_unreadable';
/** The LLMError code a `sync` recordUsage rejects with while its record cannot be written. */
export const LEDGER_UNWRITABLE = 'ledger_unwritable';

function systemErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function folderName(directory: string | undefined): string {
  return directory === undefined ? 'usage_data_dir' : `usage_data_dir "${directory}"`;
}

/** What to do about a system error on the ledger folder. */
function remedy(errorCode: string | undefined, directory: string | undefined): string {
  const folder = directory === undefined ? 'the ledger folder' : `"${directory}"`;
  switch (errorCode) {
    case 'ENOTDIR':
    case 'EEXIST':
      return `${folder} (or a folder above it) is a file, not a folder: move the file away or set usage_data_dir to a folder`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `${folder} is not writable by this process: make it writable or set usage_data_dir to a writable folder`;
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full: free space on it or set usage_data_dir to another disk';
    default:
      return 'check that usage_data_dir names a writable folder';
  }
}

function reasonOf(error: unknown): string {
  const code = systemErrorCode(error);
  if (code !== undefined) return code;
  return error instanceof Error ? error.message : String(error);
}

export function ledgerProblem(
  kind: LedgerProblem['kind'],
  error: unknown,
  directory: string | undefined,
): LedgerProblem {
  const errorCode = systemErrorCode(error);
  const message =
    kind === 'unwritable'
      ? `Usage ledger: records cannot be written to ${folderName(directory)} (${reasonOf(error)}); they are kept in memory and retried, and budgets still count them. To fix: ${remedy(errorCode, directory)}.`
      : `Usage ledger: ${folderName(directory)} cannot be read (${reasonOf(error)}); budgets count only the records this process holds in memory. To fix: ${remedy(errorCode, directory)}.`;
  return { kind, directory, errorCode, message, cause: error };
}

/** The error a query (`llm usage …`) rejects with when the ledger folder cannot be read. */
export function ledgerUnreadableError(error: unknown, directory: string | undefined): LLMError {
  if (LLMError.is(error)) return error;
  const errorCode = systemErrorCode(error);
  return new LLMError({
    type: 'invalid_request',
    code: LEDGER_UNREADABLE,
    retryable: false,
    message: `The usage ledger at ${folderName(directory)} cannot be read (${reasonOf(error)}): ${remedy(errorCode, directory)}.`,
    details: { usage_data_dir: directory, error_code: errorCode },
    cause: error,
  });
}

/** The error a `sync` recordUsage rejects with while the ledger cannot be written. */
export function ledgerUnwritableError(problem: LedgerProblem): LLMError {
  return new LLMError({
    type: 'unknown',
    code: LEDGER_UNWRITABLE,
    retryable: false,
    message: problem.message,
    details: { usage_data_dir: problem.directory, error_code: problem.errorCode },
    cause: problem.cause,
  });
}
