import type { ChatTransform } from '../chat-transform';

function renamesFrom(settings: unknown): Record<string, string> {
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) return {};
  return Object.fromEntries(
    Object.entries(settings).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

/**
 * Renames top-level request parameters to the server's names: the preset's renames (Mistral's
 * `seed` → `random_seed`) plus `[options.rename-params] seed = "random_seed"`. A value already
 * given under the new name wins.
 */
export const renameParams: ChatTransform = {
  name: 'rename-params',
  description: "Renames request parameters (the preset's renames plus `options.rename-params`)",
  request(body, context) {
    const renames = { ...context.preset?.renamedParams, ...renamesFrom(context.settings) };
    let result: Record<string, unknown> = body;
    for (const [from, to] of Object.entries(renames)) {
      if (!(from in result) || from === to) continue;
      const { [from]: value, ...rest } = result;
      result = to in rest ? rest : { ...rest, [to]: value };
    }
    return result as typeof body;
  },
};
