import type { WireDialect } from '../routing/wire-dialect';

const FALLBACK: Record<WireDialect, string> = {
  openai:
    'data: {"id":"chatcmpl-llmsim","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"tru\n\n',
  azure:
    'data: {"id":"chatcmpl-llmsim","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"tru\n\n',
  anthropic:
    'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_d\n\n',
};

// The Anthropic SDK skips `ping` frames unparsed, so a broken ping would go unnoticed.
const isPing = (frame: string): boolean => /^event:\s*ping\s*$/m.test(frame);

function cutDataLine(frame: string): string | undefined {
  const lines = frame.replace(/\s+$/, '').split(/\r?\n/);
  const index = lines.findIndex((line) => line.startsWith('data:'));
  const line = lines[index];
  if (line === undefined || line.length <= 'data: '.length + 1) return undefined;
  const payload = line.slice('data:'.length);
  lines[index] = `data:${payload.slice(0, Math.max(2, Math.floor(payload.length / 2)))}`;
  return `${lines.join('\n')}\n\n`;
}

/** The frame that would have come next with its JSON cut in half, so it no longer parses. */
export function malformedFrame(
  frames: readonly string[],
  from: number,
  dialect: WireDialect,
): string {
  for (const frame of frames.slice(from)) {
    if (isPing(frame)) continue;
    const cut = cutDataLine(frame);
    if (cut !== undefined) return cut;
  }
  return FALLBACK[dialect];
}
