/** `claude-sonnet-4-5-20250929` → `Claude Sonnet 4.5`, the way Anthropic names its models. */
export function anthropicDisplayName(id: string): string {
  const words: string[] = [];
  for (const part of id.replace(/-\d{8}$/, '').split('-')) {
    const previous = words[words.length - 1];
    if (/^\d+$/.test(part) && previous !== undefined && /^\d+(\.\d+)*$/.test(previous)) {
      words[words.length - 1] = `${previous}.${part}`;
    } else {
      words.push(part.charAt(0).toUpperCase() + part.slice(1));
    }
  }
  return words.join(' ');
}
