import type { DemoSection } from '../demo-section';

export const streaming: DemoSection = {
  title: 'Streaming',
  explanation:
    'streamCompletion is an async iterable of chunks: text deltas as they arrive, then a finish\n' +
    'chunk with the usage and cost of the whole answer.',
  async run({ manager, simulator, otherModel, model, write }) {
    simulator?.script({
      reply: {
        text: 'Streams arrive chunk by chunk, and the usage comes with the last one.',
        chunk_size: 6,
      },
    });
    write('  ');
    for await (const chunk of manager.streamCompletion({
      model: otherModel ?? model,
      messages: [{ role: 'user', content: 'How do streams report usage?' }],
    })) {
      if (chunk.type === 'text-delta') write(chunk.delta);
      if (chunk.type === 'finish')
        write(
          `\n    tokens ${chunk.usage.prompt_tokens} + ${chunk.usage.completion_tokens}, cost ${chunk.usage.cost?.toFixed(8)} ${chunk.usage.currency}\n`,
        );
    }
  },
};
