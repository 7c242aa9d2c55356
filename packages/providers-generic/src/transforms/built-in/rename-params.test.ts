import { describe, expect, it } from 'vitest';
import { chatBody, transformContext } from '../../__tests__/transform-context';
import { PRESETS } from '../../presets';
import { renameParams } from './rename-params';

const rename = renameParams.request!;

describe('rename-params', () => {
  it("renames the preset's parameters (Mistral's seed → random_seed)", () => {
    expect(rename(chatBody({ seed: 9 }), transformContext({ preset: PRESETS['mistral'] }))).toEqual(
      chatBody({ random_seed: 9 }),
    );
  });

  it('renames what options.rename-params lists, on top of the preset', () => {
    const context = transformContext({
      preset: PRESETS['mistral'],
      settings: { user: 'safe_prompt_user', ignored: 42 },
    });
    expect(rename(chatBody({ seed: 1, user: 'u' }), context)).toEqual(
      chatBody({ random_seed: 1, safe_prompt_user: 'u' }),
    );
  });

  it('keeps a value already given under the new name', () => {
    const context = transformContext({ settings: { seed: 'random_seed' } });
    expect(rename(chatBody({ seed: 1, random_seed: 2 }), context)).toEqual(
      chatBody({ random_seed: 2 }),
    );
  });

  it('changes nothing without renames', () => {
    const body = chatBody({ seed: 1 });
    expect(rename(body, transformContext())).toEqual(body);
  });
});
