import { describe, expect, it } from 'vitest';
import { chatBody, transformContext } from '../../__tests__/transform-context';
import { PRESETS } from '../../presets';
import { stripUnsupportedParams } from './strip-unsupported-params';

const strip = stripUnsupportedParams.request!;

describe('strip-unsupported-params', () => {
  it("drops the preset's parameters for the models its pattern matches only", () => {
    const body = chatBody({ logprobs: true, top_logprobs: 3, temperature: 0.2 });
    const deepseek = PRESETS['deepseek'];
    expect(
      strip(body, transformContext({ preset: deepseek, modelId: 'deepseek-reasoner' })),
    ).toEqual(chatBody({ temperature: 0.2 }));
    expect(strip(body, transformContext({ preset: deepseek, modelId: 'deepseek-chat' }))).toBe(
      body,
    );
  });

  it('drops a key of every message for a messages[].<key> entry', () => {
    const body = chatBody({
      messages: [
        { role: 'system', content: 'Rules', name: 'rules' },
        { role: 'user', content: 'hi' },
      ],
    });
    expect(strip(body, transformContext({ settings: ['messages[].name'] }))).toEqual(
      chatBody({
        messages: [
          { role: 'system', content: 'Rules' },
          { role: 'user', content: 'hi' },
        ],
      }),
    );
  });

  it('adds the parameters listed in options.strip-unsupported-params to the preset ones', () => {
    const body = chatBody({ seed: 1, user: 'u', logit_bias: {} });
    const context = transformContext({ preset: PRESETS['groq'], settings: ['seed'] });
    expect(strip(body, context)).toEqual(chatBody({ user: 'u' }));
  });

  it('leaves the body untouched (same object) when nothing needs dropping', () => {
    const body = chatBody({ temperature: 1 });
    expect(strip(body, transformContext({ settings: ['logprobs', 'messages[].name'] }))).toBe(body);
  });
});
