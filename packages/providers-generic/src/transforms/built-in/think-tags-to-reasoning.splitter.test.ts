import { describe, expect, it } from 'vitest';
import { ThinkTagSplitter } from './think-tags-to-reasoning';

/** Feeds the text in pieces of `size` characters and joins what comes out. */
function split(text: string, size: number, tag?: string) {
  const splitter = new ThinkTagSplitter(tag);
  let reasoning = '';
  let content = '';
  for (let start = 0; start < text.length; start += size) {
    const out = splitter.push(text.slice(start, start + size));
    reasoning += out.reasoning;
    content += out.content;
  }
  const rest = splitter.flush();
  return { reasoning: reasoning + rest.reasoning, content: content + rest.content };
}

const answer = '\n<think>\nStep 1: greet.\n</think>\n\nHello!';

describe('ThinkTagSplitter', () => {
  it.each([1, 2, 3, 5, 7, 100])(
    'splits reasoning from the answer fed %i characters at a time',
    (size) => {
      expect(split(answer, size)).toEqual({ reasoning: '\nStep 1: greet.\n', content: 'Hello!' });
    },
  );

  it('leaves output without a leading think block as content, whitespace included', () => {
    expect(split('  Hi <think>not reasoning</think>', 2)).toEqual({
      reasoning: '',
      content: '  Hi <think>not reasoning</think>',
    });
  });

  it('reports an unclosed block as reasoning when the output ends', () => {
    expect(split('<think>cut off mid-thou', 4)).toEqual({
      reasoning: 'cut off mid-thou',
      content: '',
    });
  });

  it('holds back a partial closing tag, then releases it as reasoning if it was not one', () => {
    const splitter = new ThinkTagSplitter();
    expect(splitter.push('<think>a </th')).toEqual({ reasoning: 'a ', content: '' });
    expect(splitter.push('ing')).toEqual({ reasoning: '</thing', content: '' });
  });

  it('uses another tag name when given one', () => {
    expect(split('<reasoning>why</reasoning>what', 3, 'reasoning')).toEqual({
      reasoning: 'why',
      content: 'what',
    });
  });
});
