import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildVisionRequest } from './build-vision-request';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]);
let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'llm-tools-vision-'));
  await writeFile(path.join(directory, 'photo.bin'), JPEG);
  await writeFile(path.join(directory, 'notes.txt'), 'plain text');
});
afterAll(() => rm(directory, { recursive: true, force: true }));

describe('buildVisionRequest', () => {
  it('builds one user message with the prompt and an image part per image, media types detected', async () => {
    const request = await buildVisionRequest({
      model: 'gpt-4o',
      prompt: 'What is in these pictures?',
      system: 'Be brief.',
      detail: 'low',
      max_tokens: 100,
      images: [
        PNG,
        path.join(directory, 'photo.bin'),
        pathToFileURL(path.join(directory, 'photo.bin')),
        'https://example.com/cat.png',
        new URL('https://example.com/dog.webp'),
        'data:image/gif;base64,R0lGODlh',
      ],
    });
    expect(request.max_tokens).toBe(100);
    expect(request.messages[0]).toEqual({ role: 'system', content: 'Be brief.' });
    const parts = request.messages[1]!.content as {
      type: string;
      image_url?: { url: string; detail?: string };
    }[];
    expect(parts[0]).toEqual({ type: 'text', text: 'What is in these pictures?' });
    expect(parts.slice(1).map((part) => part.image_url!.url.slice(0, 30))).toEqual([
      `data:image/png;base64,${PNG.toString('base64')}`.slice(0, 30),
      `data:image/jpeg;base64,${JPEG.toString('base64')}`.slice(0, 30),
      `data:image/jpeg;base64,${JPEG.toString('base64')}`.slice(0, 30),
      'https://example.com/cat.png',
      'https://example.com/dog.webp',
      'data:image/gif;base64,R0lGODlh',
    ]);
    expect(parts.every((part) => part.type === 'text' || part.image_url!.detail === 'low')).toBe(
      true,
    );
  });

  it.each([
    [
      'bytes that are no image',
      [Buffer.from('hello')],
      'images[0] is not a PNG, JPEG, GIF or WebP image',
    ],
    ['a file that is no image', ['notes.txt'], 'images[0] "'],
    ['a missing file', ['missing.png'], 'images[0] cannot be read'],
    [
      'a data URI of another type',
      ['data:text/plain;base64,aGk='],
      'images[0] is a data URI but not',
    ],
    ['an unsupported scheme', ['ftp://example.com/a.png'], 'unsupported URL scheme (ftp:)'],
    ['an empty string', [''], 'must be a file path'],
  ])('refuses %s, naming the image', async (_label, images, message) => {
    const resolved = images.map((image) =>
      typeof image === 'string' && !image.includes(':') && image !== ''
        ? path.join(directory, image)
        : image,
    );
    await expect(
      buildVisionRequest({ model: 'gpt-4o', prompt: 'x', images: resolved }),
    ).rejects.toMatchObject({
      type: 'invalid_request',
      message: expect.stringContaining(message),
    });
  });

  it('refuses an empty prompt and no images', async () => {
    await expect(buildVisionRequest({ model: 'm', prompt: '', images: [PNG] })).rejects.toThrow(
      /prompt must be/,
    );
    await expect(buildVisionRequest({ model: 'm', prompt: 'x', images: [] })).rejects.toThrow(
      /at least one image/,
    );
  });
});
