import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { LLMError } from '../errors/llm-error';
import { LLMErrorType } from '../errors/llm-error-type';

/** Image media types every vision API we call accepts. */
export type ImageMediaType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

const ASCII = (text: string) => [...text].map((character) => character.charCodeAt(0));

/** The media type the file's first bytes announce, or undefined when they match no known image. */
export function detectImageMediaType(bytes: Uint8Array): ImageMediaType | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ASCII('GIF87a')) || startsWith(bytes, ASCII('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ASCII('RIFF')) && startsWith(bytes, ASCII('WEBP'), 8)) return 'image/webp';
  return undefined;
}

const BY_EXTENSION: Readonly<Record<string, ImageMediaType>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};

/**
 * Reads a local image and returns it as a `data:<media type>;base64,…` URI for an `image_url` part.
 * The media type comes from the file's magic bytes, else from its extension (png, jpeg, gif, webp).
 */
export async function imageFileToDataUri(path: string): Promise<string> {
  const bytes = await readFile(path);
  const mediaType = detectImageMediaType(bytes) ?? BY_EXTENSION[extname(path).toLowerCase()];
  if (!mediaType) {
    throw new LLMError({
      type: LLMErrorType.INVALID_REQUEST,
      message: `"${path}" is not a PNG, JPEG, GIF or WebP image (neither its first bytes nor its extension say so)`,
      retryable: false,
    });
  }
  return `data:${mediaType};base64,${bytes.toString('base64')}`;
}
