// A shallow copy of an object without some of its keys, for paths that run on every call: a plain
// loop, because object rest (`const { a, ...rest } = value`) is a slow runtime call in V8.

/** `value` without the keys in `omitted` (own and inherited enumerable keys, as `for…in` sees them). */
export function omitKeys<Value extends object>(
  value: Value,
  omitted: ReadonlySet<string>,
): Partial<Value> {
  const copy: Record<string, unknown> = {};
  for (const key in value)
    if (!omitted.has(key)) copy[key] = (value as Record<string, unknown>)[key];
  return copy as Partial<Value>;
}
