import type { DemoSection } from '../demo-section';

export const multiProviderChat: DemoSection = {
  title: 'One API, several providers',
  explanation:
    'The same chatCompletion call goes to OpenAI or to Claude depending on the model name; the\n' +
    'answer, its tokens and its cost come back in one shape whatever the provider.',
  async run({ manager, simulator, model, otherModel, write }) {
    simulator?.script(
      { reply: { text: 'The capital of France is Paris.' } },
      { reply: { text: 'Paris is the capital of France.' } },
    );
    for (const name of [model, otherModel].filter((value): value is string => !!value)) {
      const answer = await manager.chatCompletion({
        model: name,
        messages: [
          { role: 'system', content: 'You are a concise geography assistant.' },
          { role: 'user', content: 'What is the capital of France?' },
        ],
      });
      write(
        `  ${answer.metadata.provider_name}/${answer.model}: ${answer.content}\n` +
          `    tokens ${answer.usage.prompt_tokens} + ${answer.usage.completion_tokens}, cost ${answer.usage.cost?.toFixed(8)} ${answer.usage.currency}\n`,
      );
    }
  },
};
