import { describe, expect, it } from 'vitest';
import { ledgerProblem } from './ledger-health';

const failure = (code: string) => Object.assign(new Error(`${code}: failed`), { code });

describe('ledgerProblem', () => {
  it.each([
    ['EACCES', 'make it writable or set usage_data_dir to a writable folder'],
    ['EROFS', 'make it writable or set usage_data_dir to a writable folder'],
    ['ENOTDIR', 'is a file, not a folder'],
    ['ENOSPC', 'the disk is full'],
  ])('says what to do about %s on usage_data_dir', (code, remedy) => {
    const problem = ledgerProblem('unwritable', failure(code), '/var/llm-usage');
    expect(problem).toMatchObject({ kind: 'unwritable', errorCode: code });
    expect(problem.message).toContain('usage_data_dir "/var/llm-usage"');
    expect(problem.message).toContain(`(${code})`);
    expect(problem.message).toContain(remedy);
  });
});
