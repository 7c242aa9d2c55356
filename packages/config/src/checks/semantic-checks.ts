import type { IssueDraft } from '../issues/issue-draft';
import { checkAzureEndpoint } from './check-azure-endpoint';
import { checkBudgets } from './check-budgets';
import type { CheckContext, SemanticCheck } from './check-context';
import { checkDefaultProvider } from './check-default-provider';
import { checkDuplicateModels } from './check-duplicate-models';
import { checkProviderTypes } from './check-provider-types';
import { checkRetryDelays } from './check-retry-delays';
import { checkTimeouts } from './check-timeouts';

/** Checks the schema cannot express; each runs even when the schema found problems elsewhere. */
export const SEMANTIC_CHECKS: readonly SemanticCheck[] = [
  checkDefaultProvider,
  checkProviderTypes,
  checkDuplicateModels,
  checkTimeouts,
  checkRetryDelays,
  checkBudgets,
  checkAzureEndpoint,
];

export function runSemanticChecks(context: CheckContext): IssueDraft[] {
  return SEMANTIC_CHECKS.flatMap((check) => check(context));
}
