/** Split text into pieces of `size` code points (never splitting a surrogate pair); `''` gives no pieces. */
export function splitText(text: string, size: number): string[] {
  const points = Array.from(text);
  const pieces: string[] = [];
  for (let start = 0; start < points.length; start += size)
    pieces.push(points.slice(start, start + size).join(''));
  return pieces;
}
