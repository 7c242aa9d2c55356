import type { IssueDraft } from '../issues/issue-draft';
import { isTable } from '../pipeline/is-table';

/** What a semantic check sees: the merged, substituted, file-shaped tree (not yet validated). */
export interface CheckContext {
  llm: Record<string, unknown>;
  knownProviderTypes: ReadonlySet<string>;
}

/** A check beyond the schema; it must tolerate values of the wrong type (the schema reports those). */
export type SemanticCheck = (context: CheckContext) => IssueDraft[];

export function providerEntries(llm: Record<string, unknown>): [string, Record<string, unknown>][] {
  const providers = llm.providers;
  if (!isTable(providers)) return [];
  return Object.entries(providers).filter((entry): entry is [string, Record<string, unknown>] =>
    isTable(entry[1]),
  );
}
