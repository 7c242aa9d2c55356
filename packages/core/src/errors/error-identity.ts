/**
 * Identity of our error classes across duplicate installs, where `instanceof` fails: each class
 * marks its instances with a `Symbol.for` key and checks it with `hasErrorIdentity` in its static
 * `is(value)`. One helper, so every error class of ours is recognised the same way.
 */
export function markErrorIdentity(error: object, key: string): void {
  Object.defineProperty(error, Symbol.for(key), { value: true });
}

export function hasErrorIdentity(value: unknown, key: string): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[Symbol.for(key)] === true
  );
}
