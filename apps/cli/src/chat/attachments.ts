// `--attach <file>`: an image becomes an image part (its media type from its first bytes), a text
// file becomes a text part naming the file; anything else is refused before a call is made.
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { detectImageMediaType, imageFileToDataUri, type LLMContent } from '@llm/core';
import { CommandLineError } from '../command';

/** Whether `bytes` read as text: valid UTF-8 with no NUL byte (what `git diff` calls binary). */
function isText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The message part for one attached file, resolved against `cwd`. */
export async function attachmentPart(file: string, cwd: string): Promise<LLMContent> {
  const path = resolve(cwd, file);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unreadable';
    throw new CommandLineError(`--attach ${file}: cannot read the file (${code})`, {
      cause: error,
    });
  }
  if (detectImageMediaType(bytes))
    return { type: 'image_url', image_url: { url: await imageFileToDataUri(path) } };
  if (!isText(bytes))
    throw new CommandLineError(
      `--attach ${file}: neither a PNG, JPEG, GIF or WebP image nor a UTF-8 text file`,
    );
  return { type: 'text', text: `File ${basename(path)}:\n${bytes.toString('utf8')}` };
}

/** The user turn: the prompt, then what came on stdin, then each attachment in order. */
export async function userContent(options: {
  prompt: string;
  stdin?: string;
  attachments: readonly string[];
  cwd: string;
}): Promise<string | LLMContent[]> {
  const text = [options.prompt, options.stdin?.trimEnd()].filter(Boolean).join('\n\n');
  if (options.attachments.length === 0) return text;
  const parts: LLMContent[] = text ? [{ type: 'text', text }] : [];
  for (const file of options.attachments) parts.push(await attachmentPart(file, options.cwd));
  return parts;
}
