import { LLMError } from '@llm/core';
import type { DemoSection } from '../demo-section';

export const budget: DemoSection = {
  title: 'A budget refusing a call',
  explanation:
    'A "block" budget on calls tagged demo=budget allows a tiny amount per day. The call would\n' +
    'cross it in the worst case, so it is refused before any request leaves the process.',
  async run({ manager, model, write }) {
    try {
      await manager.chatCompletion({
        model,
        messages: [{ role: 'user', content: 'Write a long essay about budgets, please.' }],
        tags: { demo: 'budget' },
      });
      write('  the call went through (unexpected)\n');
    } catch (error) {
      if (!LLMError.is(error)) throw error;
      write(`  refused: ${error.message}\n`);
    }
  },
};
