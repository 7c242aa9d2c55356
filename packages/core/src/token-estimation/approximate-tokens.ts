// CJK ideographs, kana and hangul: roughly one token per character in every BPE vocabulary we know.
const WIDE_CHARACTER = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/g;

/**
 * A tokenizer-free estimate: one token per CJK character plus one per `charactersPerToken`
 * characters of everything else (4 for OpenAI-like vocabularies; 3.5 for Claude, whose tokenizer
 * is not public). Good to about ±15% on prose; always flagged as estimated.
 */
export function approximateTokens(text: string, charactersPerToken = 4): number {
  if (text.length === 0) return 0;
  const wide = text.match(WIDE_CHARACTER)?.length ?? 0;
  return wide + Math.ceil((text.length - wide) / charactersPerToken);
}
