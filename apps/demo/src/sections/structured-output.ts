import { z } from 'zod';
import type { DemoSection } from '../demo-section';

/** What the section asks the model for, as a schema the answer is validated against. */
export const City = z.object({
  city: z.string(),
  country: z.string(),
  population_millions: z.number().positive(),
  landmarks: z.array(z.string()).max(3),
});

export const structuredOutput: DemoSection = {
  title: 'Structured output',
  explanation:
    'generateObject sends a zod schema as a JSON-schema response format and validates the answer,\n' +
    'so the result is a typed object, not text to parse (an invalid first answer gets one repair).',
  async run({ manager, simulator, model, write }) {
    simulator?.script({
      reply: {
        text: JSON.stringify({
          city: 'Paris',
          country: 'France',
          population_millions: 2.1,
          landmarks: ['Eiffel Tower', 'Louvre', 'Notre-Dame'],
        }),
      },
    });
    const result = await manager.generateObject({
      model,
      messages: [
        { role: 'user', content: 'Describe Paris: its country, population, 3 landmarks.' },
      ],
      schema: City,
      schemaName: 'city',
    });
    write(
      `  object: ${JSON.stringify(result.object)}\n` +
        `    mode ${result.mode}, ${result.attempts} attempt(s), tokens ${result.usage.prompt_tokens} + ${result.usage.completion_tokens}, cost ${result.cost?.toFixed(8)} ${result.usage.currency}\n`,
    );
  },
};
