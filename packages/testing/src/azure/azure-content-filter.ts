// Azure OpenAI's content-filter annotations, as its streams and bodies carry them.

const SEVERITY_CATEGORIES = ['hate', 'self_harm', 'sexual', 'violence'] as const;

type FilterResults = Record<string, Record<string, unknown>>;

/** Per-choice `content_filter_results`: every category safe except the `filtered` ones. */
export function azureContentFilterResults(filtered: readonly string[] = []): FilterResults {
  const results: FilterResults = {};
  for (const category of SEVERITY_CATEGORIES) {
    results[category] = filtered.includes(category)
      ? { filtered: true, severity: 'high' }
      : { filtered: false, severity: 'safe' };
  }
  for (const category of filtered) {
    if (!(category in results)) results[category] = { filtered: true, detected: true };
  }
  return results;
}

/** Prompt-side results also report `jailbreak`. */
export function azurePromptFilterResults(
  filtered: readonly string[] = [],
): Array<Record<string, unknown>> {
  const results = azureContentFilterResults(filtered);
  if (!filtered.includes('jailbreak')) results['jailbreak'] = { filtered: false, detected: false };
  return [{ prompt_index: 0, content_filter_results: results }];
}
