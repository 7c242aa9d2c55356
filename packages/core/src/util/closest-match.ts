/** Optimal-string-alignment distance: Levenshtein plus adjacent transpositions (`api_kye` → `api_key` is 1). */
export function editDistance(left: string, right: string): number {
  const rows = left.length + 1;
  const columns = right.length + 1;
  const table: number[][] = Array.from({ length: rows }, (_, row) =>
    Array.from({ length: columns }, (_, column) => (row === 0 ? column : column === 0 ? row : 0)),
  );
  const at = (row: number, column: number) => table[row]![column]!;
  for (let row = 1; row < rows; row++) {
    for (let column = 1; column < columns; column++) {
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      let best = Math.min(
        at(row - 1, column) + 1,
        at(row, column - 1) + 1,
        at(row - 1, column - 1) + cost,
      );
      if (
        row > 1 &&
        column > 1 &&
        left[row - 1] === right[column - 2] &&
        left[row - 2] === right[column - 1]
      ) {
        best = Math.min(best, at(row - 2, column - 2) + 1);
      }
      table[row]![column] = best;
    }
  }
  return at(rows - 1, columns - 1);
}

/**
 * The candidates a typo most probably meant, closest first (ties in the candidates' order), at most
 * `limit` of them; empty when none is close enough. The one did-you-mean rule of the toolkit
 * (config keys, presets, provider types, command-line options, model names): case is ignored and
 * the allowed distance grows with the length of the word (1 edit per 3 characters, at least 1).
 */
export function closestMatches(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const needle = word.toLowerCase();
  const allowed = Math.max(1, Math.floor(needle.length / 3));
  const close: { candidate: string; distance: number }[] = [];
  for (const candidate of candidates) {
    const distance = editDistance(needle, candidate.toLowerCase());
    if (distance > allowed || distance >= Math.max(needle.length, candidate.length)) continue;
    close.push({ candidate, distance });
  }
  return close
    .sort((left, right) => left.distance - right.distance)
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}

/** The candidate a typo most probably meant, or undefined when none is close enough. */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  return closestMatches(word, candidates, 1)[0];
}
