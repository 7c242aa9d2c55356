// A usage ledger folder that cannot be read or written: recognised by the file-system error code,
// and explained in terms of `usage_data_dir` instead of the raw `EACCES … open '…jsonl'`.
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { hasErrorIdentity, markErrorIdentity } from '@llm/core';

/** What each file-system error code means for the ledger folder. */
const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a file stands where a folder should be',
  EEXIST: 'a file stands where the folder should be',
  EISDIR: 'a folder stands where a ledger file should be',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
};

/** The file-system error code of `error` or of one of its causes, when it is one of REASONS. */
export function ledgerProblemCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code in REASONS) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Why `dataDir` cannot take a ledger file: the error of making it and checking it is writable. */
export async function probeLedgerFolder(dataDir: string): Promise<unknown> {
  try {
    await mkdir(dataDir, { recursive: true });
    await access(dataDir, constants.W_OK);
    return new Error('the write failed');
  } catch (error) {
    return error;
  }
}

function reasonOf(error: unknown): string {
  const code = ledgerProblemCode(error);
  if (code) return `${REASONS[code]} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

const HOW_TO_FIX =
  'make usage_data_dir a folder you can write to, or point usage_data_dir in the config elsewhere';

/** The stderr warning after a call whose usage could not be written. */
export function ledgerWriteWarning(dataDir: string, error: unknown): string {
  return `warning: the usage ledger in usage_data_dir "${dataDir}" could not be written: ${reasonOf(error)}. The usage of this run was not recorded; its result and exit code are unaffected. To fix: ${HOW_TO_FIX}.\n`;
}

const LEDGER_UNAVAILABLE_IDENTITY = '@llm/cli/ledger-unavailable-error';

/** `llm usage …` on a ledger folder it cannot read (exit code 1). */
export class LedgerUnavailableError extends Error {
  constructor(dataDir: string, cause: unknown) {
    super(
      `cannot use the usage ledger in usage_data_dir "${dataDir}": ${reasonOf(cause)}. To fix: ${HOW_TO_FIX}.`,
      { cause },
    );
    this.name = 'LedgerUnavailableError';
    markErrorIdentity(this, LEDGER_UNAVAILABLE_IDENTITY);
  }

  static is(value: unknown): value is LedgerUnavailableError {
    return hasErrorIdentity(value, LEDGER_UNAVAILABLE_IDENTITY);
  }
}
