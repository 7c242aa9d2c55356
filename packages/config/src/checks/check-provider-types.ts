import { closestMatch } from '../issues/closest-match';
import { providerEntries, type SemanticCheck } from './check-context';

/** Each provider's `type` must be a built-in type or one registered by a third party. */
export const checkProviderTypes: SemanticCheck = ({ llm, knownProviderTypes }) =>
  providerEntries(llm).flatMap(([name, provider]) => {
    const type = provider.type;
    if (typeof type !== 'string' || type === '' || knownProviderTypes.has(type)) return [];
    const known = [...knownProviderTypes].sort();
    const suggestion = closestMatch(type, known);
    return [
      {
        path: ['llm', 'providers', name, 'type'],
        message: `unknown provider type "${type}" (known: ${known.join(', ')})`,
        ...(suggestion ? { suggestion } : {}),
      },
    ];
  });
