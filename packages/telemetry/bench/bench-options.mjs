// What the scripts of this folder share: a flag's value from the command line, and the median.

/** The value after `name` on the command line, or `fallback` when the flag is absent. */
export function option(name, fallback) {
  const argv = process.argv.slice(2);
  const index = argv.indexOf(name);
  return index === -1 ? fallback : argv[index + 1];
}

/** The middle value (the upper one of an even count). */
export function median(values) {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}
