import type { IncomingMessage } from 'node:http';

export interface RequestBody {
  readonly text: string;
  /** Parsed JSON; undefined when empty or not JSON. */
  readonly json: unknown;
}

/** Read the whole body; a client that goes away mid-body yields what arrived. */
export async function readRequestBody(request: IncomingMessage): Promise<RequestBody> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of request) chunks.push(chunk as Buffer);
  } catch {
    // aborted mid-body: keep what arrived
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { text, json: undefined };
  try {
    return { text, json: JSON.parse(text) as unknown };
  } catch {
    return { text, json: undefined };
  }
}
