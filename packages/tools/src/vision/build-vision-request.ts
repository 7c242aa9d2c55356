import {
  detectImageMediaType,
  imageFileToDataUri,
  LLMError,
  LLMErrorType,
  type LLMContent,
  type LLMMessage,
  type LLMRequest,
} from '@llm/core';

/** An image: a local file path, an http(s) URL, a `data:` URI, or the bytes. */
export type VisionImage = string | URL | Uint8Array;

/** A prompt about images; the other request fields pass through. */
export interface VisionRequest extends Omit<LLMRequest, 'messages'> {
  readonly prompt: string;
  readonly images: readonly VisionImage[];
  /** A system prompt sent before the question. */
  readonly system?: string;
  /** Detail level for every image (OpenAI `detail`; other providers ignore it). */
  readonly detail?: 'low' | 'high' | 'auto';
}

const DATA_URI = /^data:(image\/(?:png|jpeg|gif|webp));base64,[A-Za-z0-9+/=\s]+$/;

function invalidImage(index: number, problem: string): LLMError {
  return new LLMError({
    type: LLMErrorType.INVALID_REQUEST,
    message: `images[${index}] ${problem}`,
    retryable: false,
  });
}

/** The `image_url` value for one image: URLs and data URIs as given, files and bytes as data URIs. */
async function imageUrl(image: VisionImage, index: number): Promise<string> {
  if (image instanceof Uint8Array) {
    const mediaType = detectImageMediaType(image);
    if (!mediaType)
      throw invalidImage(index, 'is not a PNG, JPEG, GIF or WebP image (by its first bytes)');
    return `data:${mediaType};base64,${Buffer.from(image).toString('base64')}`;
  }
  const text = image instanceof URL ? image.href : image;
  if (typeof text !== 'string' || text === '') {
    throw invalidImage(index, 'must be a file path, an http(s) URL, a data URI or a Buffer');
  }
  if (text.startsWith('data:')) {
    if (!DATA_URI.test(text)) {
      throw invalidImage(index, 'is a data URI but not a base64 PNG, JPEG, GIF or WebP image');
    }
    return text;
  }
  if (/^https?:\/\//i.test(text)) return text;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) && !text.startsWith('file://')) {
    throw invalidImage(
      index,
      `has an unsupported URL scheme (${text.split(':')[0]}:); use http(s), a data URI or a file`,
    );
  }
  const path = text.startsWith('file://') ? new URL(text).pathname : text;
  try {
    return await imageFileToDataUri(path);
  } catch (error) {
    if (LLMError.is(error)) throw invalidImage(index, error.message);
    throw invalidImage(
      index,
      `cannot be read: "${path}" (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
}

/**
 * The chat request of a question about images: one user message holding the prompt and an
 * `image_url` part per image (media types detected from the bytes). Whether the model takes images
 * is checked by the call itself, before the network, from the model's configuration and catalog.
 */
export async function buildVisionRequest(input: VisionRequest): Promise<LLMRequest> {
  const { prompt, images, system, detail, ...request } = input;
  if (typeof prompt !== 'string' || prompt === '') {
    throw new LLMError({
      type: LLMErrorType.INVALID_REQUEST,
      message: 'visionCompletion: prompt must be a non-empty string',
      retryable: false,
    });
  }
  if (!Array.isArray(images) || images.length === 0) {
    throw new LLMError({
      type: LLMErrorType.INVALID_REQUEST,
      message: 'visionCompletion: images must hold at least one image',
      retryable: false,
    });
  }
  const parts: LLMContent[] = [{ type: 'text', text: prompt }];
  const urls = await Promise.all(images.map((image, index) => imageUrl(image, index)));
  for (const url of urls) {
    parts.push({ type: 'image_url', image_url: { url, ...(detail && { detail }) } });
  }
  const messages: LLMMessage[] = [
    ...(system !== undefined ? [{ role: 'system' as const, content: system }] : []),
    { role: 'user', content: parts },
  ];
  return { ...request, messages };
}
