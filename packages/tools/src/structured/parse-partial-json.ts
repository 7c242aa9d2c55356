/** How far back from the end a partial document is cut to find a prefix that parses. */
const MAX_TRIM = 256;

/** The brackets still open at the end of `text`, and whether it ends inside a string. */
function openState(text: string): { closers: string; inString: boolean } {
  const stack: string[] = [];
  let inString = false;
  let escaped = false;
  for (const character of text) {
    if (inString) {
      if (escaped) escaped = false;
      else if (character === '\\') escaped = true;
      else if (character === '"') inString = false;
      continue;
    }
    if (character === '"') inString = true;
    else if (character === '{') stack.push('}');
    else if (character === '[') stack.push(']');
    else if (character === '}' || character === ']') stack.pop();
  }
  return { closers: stack.reverse().join(''), inString };
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * The value a JSON document that is still arriving holds so far: the longest prefix (cut at most
 * 256 characters back) that parses once its open strings and brackets are closed. Undefined while
 * nothing parses yet. `{"name":"Ad` gives `{ name: 'Ad' }`; `{"tags":["a",` gives `{ tags: ['a'] }`.
 */
export function parsePartialJson(text: string): unknown {
  const whole = tryParse(text);
  if (whole.ok) return whole.value;
  const stop = Math.max(0, text.length - MAX_TRIM);
  for (let end = text.length; end > stop; end--) {
    let prefix = text.slice(0, end).trimEnd();
    // A dangling separator leaves a prefix no closing bracket can fix.
    while (prefix.endsWith(',') || prefix.endsWith(':')) prefix = prefix.slice(0, -1).trimEnd();
    if (prefix === '') return undefined;
    const { closers, inString } = openState(prefix);
    const parsed = tryParse(`${prefix}${inString ? '"' : ''}${closers}`);
    if (parsed.ok) return parsed.value;
  }
  return undefined;
}
