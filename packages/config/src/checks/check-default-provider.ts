import { closestMatch } from '../issues/closest-match';
import { providerEntries, type SemanticCheck } from './check-context';

/** `default_provider` must name a configured, enabled provider. */
export const checkDefaultProvider: SemanticCheck = ({ llm }) => {
  const name = llm.default_provider;
  if (typeof name !== 'string' || name === '') return [];
  const providers = providerEntries(llm);
  const path = ['llm', 'default_provider'];
  const match = providers.find(([providerName]) => providerName === name);
  if (match)
    return match[1].enabled === false
      ? [{ path, message: `provider "${name}" is disabled (enabled = false)` }]
      : [];
  const names = providers.map(([providerName]) => providerName);
  const configured = names.length
    ? `configured: ${names.join(', ')}`
    : 'no providers are configured';
  const suggestion = closestMatch(name, names);
  return [
    {
      path,
      message: `"${name}" is not a configured provider (${configured})`,
      ...(suggestion ? { suggestion } : {}),
    },
  ];
};
