import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LLMError } from '@llm/core';
import { defineTemplate, renderMessages } from './define-template';

const catchError = (run: () => unknown): LLMError => {
  try {
    run();
  } catch (error) {
    if (LLMError.is(error)) return error;
    throw error;
  }
  throw new Error('expected an LLMError');
};

describe('defineTemplate', () => {
  const greeting = defineTemplate({
    name: 'greeting',
    template: 'Hello {{name}}{{#if title}}, {{title}}{{/if}}!{{#each items}} [{{this}}]{{/each}}',
    variables: z.object({
      name: z.string(),
      title: z.string().optional(),
      items: z.array(z.string()).default([]),
    }),
  });

  it('renders variables, conditionals and loops, never HTML-escaping', () => {
    expect(greeting.render({ name: '<Ada & Co>', title: 'PhD', items: ['a', 'b'] })).toBe(
      'Hello <Ada & Co>, PhD! [a] [b]',
    );
    expect(greeting.render({ name: 'Ada' })).toBe('Hello Ada!');
  });

  it('names a missing and a mistyped variable', () => {
    expect(catchError(() => greeting.render({} as never)).message).toMatch(
      /Template "greeting": invalid variables: name: /,
    );
    const mistyped = catchError(() => greeting.render({ name: 'Ada', items: [1] } as never));
    expect(mistyped.message).toContain('items.0:');
    expect(mistyped.details?.['issues']).toEqual([
      expect.objectContaining({ variable: 'items.0' }),
    ]);
    expect(mistyped.code).toBe('template_invalid');
  });

  it('refuses a template using a variable its schema does not declare, suggesting the close one', () => {
    const error = catchError(() =>
      defineTemplate({
        name: 'typo',
        template: 'Hi {{nmae}}',
        variables: z.object({ name: z.string() }),
      }),
    );
    expect(error.message).toBe(
      'Template "typo": the template uses {{nmae}} but the variables schema does not declare "nmae" (did you mean "name"?)',
    );
  });

  it('refuses bad syntax, a missing name and variables that are not a zod object', () => {
    expect(
      catchError(() =>
        defineTemplate({
          name: 'bad',
          template: '{{#if x}}',
          variables: z.object({ x: z.string() }),
        }),
      ).message,
    ).toContain('syntax error');
    expect(
      catchError(() => defineTemplate({ name: '', template: '', variables: z.object({}) })).message,
    ).toContain('name must be');
    expect(
      catchError(() => defineTemplate({ name: 'v', template: '', variables: z.string() as never }))
        .message,
    ).toContain('zod object');
  });

  it('composes templates as partials and renders system and user turns', () => {
    const signature = defineTemplate({
      name: 'signature',
      template: '-- {{author}}',
      variables: z.object({ author: z.string() }),
    });
    const letter = defineTemplate({
      name: 'letter',
      system: 'You write letters for {{author}}.',
      template: 'Dear {{to}},\n{{> signature}}',
      variables: z.object({ to: z.string(), author: z.string() }),
      partials: { signature, plain: 'unused {{to}}' },
    });
    expect(renderMessages(letter, { to: 'Bob', author: 'Ada' })).toEqual([
      { role: 'system', content: 'You write letters for Ada.' },
      { role: 'user', content: 'Dear Bob,\n-- Ada' },
    ]);
    expect(letter.systemSource).toBe('You write letters for {{author}}.');
  });

  it('reports a render failure, such as a missing partial, as an LLMError', () => {
    const broken = defineTemplate({
      name: 'broken',
      template: '{{> nowhere}}',
      variables: z.object({}),
    });
    expect(catchError(() => broken.render({})).message).toContain(
      'Template "broken": cannot render',
    );
  });

  it('does not check names inside #each blocks against the outer schema', () => {
    const list = defineTemplate({
      name: 'list',
      template:
        '{{#each people}}{{name}} is {{age}}; {{/each}}{{#unless people}}nobody{{else}}done{{/unless}}',
      variables: z.object({ people: z.array(z.object({ name: z.string(), age: z.number() })) }),
    });
    expect(list.render({ people: [{ name: 'Ada', age: 36 }] })).toBe('Ada is 36; done');
  });
});
