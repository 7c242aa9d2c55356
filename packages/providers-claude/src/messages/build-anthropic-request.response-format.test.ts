import { describe, expect, it } from 'vitest';
import { convertResponseFormat } from './build-anthropic-request';
import { UnsupportedRequestError } from './convert-to-anthropic-messages';

describe('convertResponseFormat', () => {
  it('sends a JSON schema as output_config.format', () => {
    const schema = {
      type: 'object',
      properties: { answer: { type: 'number' } },
      required: ['answer'],
      additionalProperties: false,
    };
    expect(
      convertResponseFormat({ type: 'json_schema', json_schema: { name: 'answer', schema } }),
    ).toEqual({
      output_config: { format: { type: 'json_schema', schema } },
    });
  });

  it('adds nothing for text or no format', () => {
    expect(convertResponseFormat({ type: 'text' })).toEqual({});
    expect(convertResponseFormat(undefined)).toEqual({});
  });

  it('refuses json_object, naming the field and the alternative', () => {
    const convert = () => convertResponseFormat({ type: 'json_object' });
    expect(convert).toThrow(UnsupportedRequestError);
    expect(convert).toThrow(/json_schema/);
  });
});
