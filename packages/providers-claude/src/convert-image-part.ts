import type { Anthropic } from '@anthropic-ai/sdk';
import type { ImageMediaType, LLMImageContent } from '@llm/core';
import { UnsupportedRequestError } from './unsupported-request-error';

const CLAUDE_IMAGE_TYPES: ReadonlySet<string> = new Set<ImageMediaType>([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
]);
const DATA_URI = /^data:([^;,]+)((?:;[^;,]*)*);base64,([\s\S]*)$/;

/**
 * An `image_url` part → a Claude `image` block: a `data:` URI becomes a base64 source with its media
 * type, an http(s) URL a url source that Anthropic fetches. `detail` has no Claude equivalent.
 */
export function convertImagePart(part: LLMImageContent, field: string): Anthropic.ImageBlockParam {
  const url = part.image_url.url;
  if (url.startsWith('data:')) {
    const match = DATA_URI.exec(url);
    if (!match) {
      throw new UnsupportedRequestError(
        field,
        'An image data URI must have the form data:<media type>;base64,<data>',
      );
    }
    const mediaType = (match[1] ?? '').toLowerCase();
    if (!CLAUDE_IMAGE_TYPES.has(mediaType)) {
      throw new UnsupportedRequestError(
        field,
        `Claude accepts PNG, JPEG, GIF or WebP images; this data URI is ${mediaType}`,
      );
    }
    return {
      type: 'image',
      source: { type: 'base64', media_type: mediaType as ImageMediaType, data: match[3] ?? '' },
    };
  }
  if (/^https?:\/\//i.test(url)) return { type: 'image', source: { type: 'url', url } };
  throw new UnsupportedRequestError(
    field,
    `An image must be an https URL or a data: URI (imageFileToDataUri from @llm/core turns a local file into one); got "${url.slice(0, 40)}"`,
  );
}
