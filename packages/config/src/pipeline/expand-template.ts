/** A `${…}` reference that could not be resolved. */
export interface UnresolvedVariable {
  variable: string;
  /** The text after `:?`, when given. */
  message?: string;
}

export interface ExpandedTemplate {
  value: string;
  unresolved: UnresolvedVariable[];
  /** Set when the text holds a malformed reference. */
  syntaxError?: string;
}

const REFERENCE = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:-|:\?)([\s\S]*))?$/;
const SYNTAX_HELP = 'use ${NAME}, ${NAME:-default} or ${NAME:?message}';

/**
 * Expands `${NAME}` (unset is an error; set-but-empty is kept), `${NAME:-default}` (default when unset
 * or empty) and `${NAME:?message}` (an error with that message when unset or empty). `$${` writes a
 * literal `${`.
 */
export function expandTemplate(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
): ExpandedTemplate {
  const unresolved: UnresolvedVariable[] = [];
  let value = '';
  let index = 0;
  while (index < text.length) {
    const start = text.indexOf('${', index);
    if (start === -1) break;
    if (text[start - 1] === '$') {
      value += `${text.slice(index, start - 1)}\${`;
      index = start + 2;
      continue;
    }
    value += text.slice(index, start);
    const end = text.indexOf('}', start);
    if (end === -1)
      return { value: text, unresolved, syntaxError: `unterminated "\${" (${SYNTAX_HELP})` };
    const match = REFERENCE.exec(text.slice(start + 2, end));
    if (!match)
      return {
        value: text,
        unresolved,
        syntaxError: `malformed variable reference (${SYNTAX_HELP})`,
      };
    const [, variable, operator, argument] = match as unknown as [
      string,
      string,
      string | undefined,
      string | undefined,
    ];
    const current = env[variable];
    if (operator === ':-') value += current ? current : (argument ?? '');
    else if (operator === ':?' && !current)
      unresolved.push({ variable, message: argument || undefined });
    else if (current === undefined) unresolved.push({ variable });
    else value += current;
    index = end + 1;
  }
  return { value: value + text.slice(index), unresolved };
}
