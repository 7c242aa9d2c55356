import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LLMError } from '../errors/llm-error';
import { detectImageMediaType, imageFileToDataUri } from './image-file-to-data-uri';

const PNG_HEADER = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13];
const JPEG_HEADER = [0xff, 0xd8, 0xff, 0xe0, 0, 16];
const GIF_HEADER = [...Buffer.from('GIF89a'), 1, 0];
const WEBP_HEADER = [...Buffer.from('RIFF'), 36, 0, 0, 0, ...Buffer.from('WEBPVP8 ')];

let folder: string;

async function writeBytes(name: string, bytes: number[]): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, Buffer.from(bytes));
  return path;
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'image-data-uri-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('detectImageMediaType', () => {
  it.each([
    ['image/png', PNG_HEADER],
    ['image/jpeg', JPEG_HEADER],
    ['image/gif', GIF_HEADER],
    ['image/webp', WEBP_HEADER],
  ])('recognizes %s by its magic bytes', (mediaType, bytes) => {
    expect(detectImageMediaType(Uint8Array.from(bytes))).toBe(mediaType);
  });

  it('returns undefined for bytes that are no known image', () => {
    expect(detectImageMediaType(Uint8Array.from(Buffer.from('hello world')))).toBeUndefined();
  });
});

describe('imageFileToDataUri', () => {
  it('encodes the whole file as base64 behind the detected media type', async () => {
    const path = await writeBytes('picture.bin', PNG_HEADER);
    const uri = await imageFileToDataUri(path);
    expect(uri).toBe(`data:image/png;base64,${Buffer.from(PNG_HEADER).toString('base64')}`);
  });

  it('trusts the magic bytes over a misleading extension', async () => {
    const path = await writeBytes('really-a-jpeg.png', JPEG_HEADER);
    expect(await imageFileToDataUri(path)).toMatch(/^data:image\/jpeg;base64,/);
  });

  it('falls back to the extension when the bytes are not recognized', async () => {
    const path = await writeBytes('truncated.WEBP', [1, 2, 3]);
    expect(await imageFileToDataUri(path)).toMatch(/^data:image\/webp;base64,/);
  });

  it('rejects a file that is neither recognized by bytes nor by extension, naming the path', async () => {
    const path = await writeBytes('notes.txt', [...Buffer.from('plain text')]);
    const error = await imageFileToDataUri(path).catch((caught: unknown) => caught);
    expect(LLMError.is(error) && error.type).toBe('invalid_request');
    expect((error as Error).message).toContain(path);
  });
});
