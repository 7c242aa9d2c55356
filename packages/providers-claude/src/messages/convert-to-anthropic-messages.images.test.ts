import { describe, expect, it } from 'vitest';
import { convertImagePart, UnsupportedRequestError } from './convert-to-anthropic-messages';

const image = (url: string) => ({ type: 'image_url' as const, image_url: { url } });

describe('convertImagePart', () => {
  it('turns a base64 data URI into a base64 image source with its media type', () => {
    expect(
      convertImagePart(image('data:image/png;base64,iVBORw0KGgo='), 'messages.0.content.1'),
    ).toEqual({
      type: 'image',
      source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' },
    });
  });

  it('turns an https URL into a url image source', () => {
    expect(convertImagePart(image('https://example.com/cat.jpg'), 'messages.0.content.0')).toEqual({
      type: 'image',
      source: { type: 'url', url: 'https://example.com/cat.jpg' },
    });
  });

  it('refuses a media type Claude does not accept, naming the field', () => {
    const convert = () =>
      convertImagePart(image('data:image/bmp;base64,Qk0='), 'messages.2.content.1');
    expect(convert).toThrow(UnsupportedRequestError);
    expect(convert).toThrow(/image\/bmp/);
    try {
      convert();
    } catch (error) {
      expect((error as UnsupportedRequestError).field).toBe('messages.2.content.1');
    }
  });

  it('refuses a data URI that is not base64', () => {
    expect(() =>
      convertImagePart(image('data:image/png,rawbytes'), 'messages.0.content.0'),
    ).toThrow(/data:<media type>;base64/);
  });

  it('refuses a local path and points to the data URI helper', () => {
    expect(() => convertImagePart(image('/tmp/cat.png'), 'messages.0.content.0')).toThrow(
      /imageFileToDataUri/,
    );
  });
});
