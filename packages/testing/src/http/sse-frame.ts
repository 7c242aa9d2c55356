/** An SSE frame with only a `data:` line (OpenAI, Azure). */
export function dataFrame(data: unknown): string {
  return `data: ${JSON.stringify(data)}\n\n`;
}

/** An SSE frame with an `event:` line (Anthropic; its SDK ignores frames without one). */
export function eventFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export const DONE_FRAME = 'data: [DONE]\n\n';
