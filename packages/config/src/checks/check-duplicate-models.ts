import type { IssueDraft } from '../issues/issue-draft';
import { isTable } from '../pipeline/is-table';
import { providerEntries, type SemanticCheck } from './check-context';

/** Model names of one provider must differ ignoring case (`gpt-4` and `GPT-4` are the same model). */
export const checkDuplicateModels: SemanticCheck = ({ llm }) =>
  providerEntries(llm).flatMap(([providerName, provider]) => {
    if (!isTable(provider.models)) return [];
    const seen = new Map<string, string>();
    const drafts: IssueDraft[] = [];
    for (const modelName of Object.keys(provider.models)) {
      const first = seen.get(modelName.toLowerCase());
      if (first === undefined) seen.set(modelName.toLowerCase(), modelName);
      else {
        drafts.push({
          path: ['llm', 'providers', providerName, 'models', modelName],
          message: `model "${modelName}" duplicates "${first}" (model names are compared ignoring case)`,
        });
      }
    }
    return drafts;
  });
