/**
 * Split a recorded SSE file into frames, each ending with its blank line, keeping every byte:
 * the frames joined give back the file exactly (padding, CRLFs and all).
 */
export function splitSseFrames(text: string): string[] {
  return text.split(/(?<=\r?\n\r?\n)/).filter((frame) => frame !== '');
}
