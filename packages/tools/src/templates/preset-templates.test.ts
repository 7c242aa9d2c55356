import { describe, expect, it } from 'vitest';
import { LLMError } from '@llm/core';
import type { z } from 'zod';
import { renderMessages, type PromptTemplate } from './define-template';
import { templates } from './preset-templates';

/** Values for each preset, and text each rendering must contain. */
const CASES: Record<
  keyof typeof templates,
  { values: Record<string, unknown>; contains: string[] }
> = {
  summarize: {
    values: {
      text: 'The quarterly report <b>shows</b> growth.',
      maxWords: 20,
      audience: 'executives',
      format: 'bullets',
    },
    contains: ['in at most 20 words', 'for executives', 'Format: bullets', '<b>shows</b>'],
  },
  translate: {
    values: {
      text: 'Bonjour & merci',
      targetLanguage: 'English',
      sourceLanguage: 'French',
      glossary: [{ term: 'merci', translation: 'thanks' }],
    },
    contains: ['from French into English', '- merci → thanks', 'Bonjour & merci'],
  },
  classify: {
    values: { text: 'My card was charged twice', labels: ['billing', 'bug', 'other'] },
    contains: ['"billing", "bug", "other"', 'charged twice'],
  },
  extract_json: {
    values: { text: 'Ada, 36', schema: '{"type":"object"}', hints: ['age is a number'] },
    contains: ['{"type":"object"}', '- age is a number', 'Ada, 36'],
  },
  rewrite_tone: {
    values: { text: 'Send it now.', tone: 'polite', keepLength: true },
    contains: ['in a polite tone', 'same length', 'Send it now.'],
  },
  code_review: {
    values: { code: 'if (a = b) {}', language: 'ts', focus: ['bugs', 'security'] },
    contains: ['Review this ts code', 'Focus on: bugs, security', '```ts\nif (a = b) {}'],
  },
  explain_code: {
    values: { code: 'x => x * 2', language: 'js', level: 'beginner' },
    contains: ['this js code', 'at beginner level', 'x => x * 2'],
  },
  answer_from_context: {
    values: {
      question: 'When?',
      documents: [{ title: 'Doc A', content: 'In 1843.' }, { content: 'Unrelated.' }],
    },
    contains: ['[0] Doc A\nIn 1843.', '[1]\nUnrelated.', 'Question: When?'],
  },
  sql_from_schema: {
    values: {
      question: 'How many users?',
      schema: 'CREATE TABLE users (id int);',
      dialect: 'PostgreSQL',
    },
    contains: ['CREATE TABLE users (id int);', 'Write a PostgreSQL SQL query', 'How many users?'],
  },
  commit_message: {
    values: { diff: '- a\n+ b', convention: 'conventional', context: 'fixes the login' },
    contains: ['(conventional style)', 'Context: fixes the login', '```diff\n- a\n+ b'],
  },
  chat_persona: {
    values: { persona: 'a patient tutor', message: 'Explain recursion', rules: ['be brief'] },
    contains: ['You are a patient tutor.', '- be brief', 'Explain recursion'],
  },
};

/** A preset by name, typed loosely: the tests feed each one values from the table above. */
const preset = (name: string) =>
  templates[name as keyof typeof templates] as unknown as PromptTemplate<z.ZodObject>;

describe('preset templates', () => {
  it('has at least 10 presets, each keyed by its own name with a variables schema', () => {
    const names = Object.keys(templates);
    expect(names.length).toBeGreaterThanOrEqual(10);
    for (const [key, template] of Object.entries(templates)) {
      expect(template.name).toBe(key);
      expect(template.variables.shape).toBeDefined();
      expect(template.description).toBeTruthy();
    }
    expect(Object.keys(CASES).sort()).toEqual(names.sort());
  });

  it.each(Object.entries(CASES))(
    'renders %s with its system turn and values inserted as given',
    (name, { values, contains }) => {
      const template = preset(name);
      const messages = renderMessages(template, values as never);
      expect(messages.map((message) => message.role)).toEqual(['system', 'user']);
      const text = messages.map((message) => message.content).join('\n');
      for (const expected of contains) expect(text).toContain(expected);
    },
  );

  it.each(Object.entries(CASES))(
    'renders %s with only its required variables',
    (name, { values }) => {
      const template = preset(name);
      const required = Object.fromEntries(
        Object.entries(values).filter(
          ([key]) => !template.variables.shape[key]?.safeParse(undefined).success,
        ),
      );
      expect(() => template.render(required as never)).not.toThrow();
    },
  );

  it.each(Object.keys(CASES))('names a missing variable of %s in its error', (name) => {
    const template = preset(name);
    const [firstRequired] = Object.entries(template.variables.shape).find(
      ([, schema]) =>
        !(schema as { safeParse(value: unknown): { success: boolean } }).safeParse(undefined)
          .success,
    )!;
    const values = { ...CASES[name as keyof typeof templates].values };
    delete values[firstRequired];
    const error = (() => {
      try {
        template.render(values as never);
      } catch (caught) {
        return caught;
      }
    })();
    expect(LLMError.is(error)).toBe(true);
    expect((error as LLMError).message).toContain(
      `Template "${name}": invalid variables: ${firstRequired}:`,
    );
  });
});
