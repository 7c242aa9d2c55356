import { describe, expect, it } from 'vitest';
import { chatBody, transformContext } from '../../__tests__/transform-context';
import { systemPromptPrefix } from './system-prompt-prefix';

const prefix = systemPromptPrefix.request!;
const context = transformContext({ settings: 'Answer in French.' });

describe('system-prompt-prefix', () => {
  it('adds a system message when the conversation has none', () => {
    expect(prefix(chatBody(), context).messages).toEqual([
      { role: 'system', content: 'Answer in French.' },
      { role: 'user', content: 'hi' },
    ]);
  });

  it('prepends to a leading system message', () => {
    const body = chatBody({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
      ],
    });
    expect(prefix(body, context).messages[0]).toEqual({
      role: 'system',
      content: 'Answer in French.\n\nBe brief.',
    });
  });

  it('prepends a text part to a developer message made of parts', () => {
    const body = chatBody({
      messages: [{ role: 'developer', content: [{ type: 'text', text: 'Be brief.' }] }],
    });
    expect(prefix(body, context).messages[0]).toEqual({
      role: 'developer',
      content: [
        { type: 'text', text: 'Answer in French.' },
        { type: 'text', text: 'Be brief.' },
      ],
    });
  });

  it('does nothing without a prefix setting', () => {
    const body = chatBody();
    expect(prefix(body, transformContext())).toBe(body);
  });
});
