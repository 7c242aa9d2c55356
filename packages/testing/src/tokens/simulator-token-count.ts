/**
 * The simulator's one token rule: a token per 4 Unicode code points, rounded up (`''` is 0).
 * Deliberately simple so a test can compute the numbers it expects without a tokenizer.
 */
export function simulatorTokenCount(text: string): number {
  return Math.ceil(Array.from(text).length / 4);
}
