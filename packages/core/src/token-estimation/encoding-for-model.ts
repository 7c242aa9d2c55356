export type TiktokenEncodingName = 'o200k_base' | 'cl100k_base';

const O200K = /^(?:.*\/)?(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o1|o3|o4|chatgpt-4o|gpt-oss|codex)/i;
const CL100K =
  /^(?:.*\/)?(gpt-4|gpt-3\.5|gpt-35|text-embedding-(?:3|ada-002)|davinci-002|babbage-002)/i;

/** The tiktoken encoding of an OpenAI model family; undefined for other vendors' models. */
export function encodingForModel(model: string | undefined): TiktokenEncodingName | undefined {
  if (!model) return undefined;
  if (O200K.test(model)) return 'o200k_base';
  if (CL100K.test(model)) return 'cl100k_base';
  return undefined;
}
