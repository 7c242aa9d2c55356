import { isTable } from '../issues/config-path';

export type MergePatch = Record<string, unknown>;

/** One patch with the effect of applying `first` then `second` (nulls are kept: they remove keys of lower layers). */
export function composeMergePatches(first: MergePatch, second: MergePatch): MergePatch {
  const result: MergePatch = { ...first };
  for (const [key, value] of Object.entries(second)) {
    if (value === undefined) continue;
    result[key] =
      isTable(value) && isTable(result[key])
        ? composeMergePatches(result[key] as MergePatch, value)
        : value;
  }
  return result;
}

/** The smallest merge patch (RFC 7386) that turns `before` into `after`; `{}` when they are equal. */
export function diffAsMergePatch(before: MergePatch, after: MergePatch): MergePatch {
  const patch: MergePatch = {};
  for (const key of Object.keys(before))
    if (!(key in after) || after[key] === undefined) patch[key] = null;
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    const previous = before[key];
    if (isTable(value) && isTable(previous)) {
      const nested = diffAsMergePatch(previous, value);
      if (Object.keys(nested).length > 0) patch[key] = nested;
    } else if (JSON.stringify(value) !== JSON.stringify(previous)) {
      patch[key] = value;
    }
  }
  return patch;
}

/** Paths of the values a patch sets or removes (its leaves). */
export function patchLeafPaths(patch: MergePatch, prefix: string[] = []): string[][] {
  return Object.entries(patch).flatMap(([key, value]) =>
    isTable(value) ? patchLeafPaths(value, [...prefix, key]) : [[...prefix, key]],
  );
}
