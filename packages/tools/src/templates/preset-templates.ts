import * as z from '@llm/core/zod';
import { defineTemplate } from './define-template';

const summarize = defineTemplate({
  name: 'summarize',
  description: 'Summarise a text, optionally within a length and for an audience.',
  system: 'You write accurate, concise summaries. Never add facts that are not in the text.',
  variables: z.object({
    text: z.string().min(1),
    maxWords: z.number().int().positive().optional(),
    audience: z.string().optional(),
    format: z.enum(['paragraph', 'bullets']).optional(),
  }),
  template: `Summarise the text below{{#if maxWords}} in at most {{maxWords}} words{{/if}}{{#if audience}} for {{audience}}{{/if}}.
{{#if format}}Format: {{format}}.
{{/if}}
Text:
"""
{{text}}
"""`,
});

const translate = defineTemplate({
  name: 'translate',
  description: 'Translate a text into a target language, keeping formatting.',
  system:
    'You are a professional translator. Keep the meaning, tone and formatting; reply with the translation only.',
  variables: z.object({
    text: z.string().min(1),
    targetLanguage: z.string().min(1),
    sourceLanguage: z.string().optional(),
    glossary: z.array(z.object({ term: z.string(), translation: z.string() })).optional(),
  }),
  template: `Translate the following text{{#if sourceLanguage}} from {{sourceLanguage}}{{/if}} into {{targetLanguage}}.
{{#if glossary}}Use these translations for the terms listed:
{{#each glossary}}- {{term}} → {{translation}}
{{/each}}{{/if}}
"""
{{text}}
"""`,
});

const classify = defineTemplate({
  name: 'classify',
  description: 'Classify a text into exactly one of the given labels.',
  system: 'You are a precise classifier. Answer with one label from the list and nothing else.',
  variables: z.object({
    text: z.string().min(1),
    labels: z.array(z.string().min(1)).min(2),
    instructions: z.string().optional(),
  }),
  template: `Classify the text into exactly one of these labels: {{#each labels}}{{#if @index}}, {{/if}}"{{this}}"{{/each}}.
{{#if instructions}}{{instructions}}
{{/if}}
Text:
"""
{{text}}
"""
Label:`,
});

const extractJson = defineTemplate({
  name: 'extract_json',
  description: 'Extract fields from a text as JSON matching a schema.',
  system:
    'You extract structured data. Reply with a single JSON object that matches the schema; use null for facts the text does not state.',
  variables: z.object({
    text: z.string().min(1),
    schema: z.string().min(1),
    hints: z.array(z.string()).optional(),
  }),
  template: `Extract the data described by this JSON Schema from the text.
Schema:
{{schema}}
{{#if hints}}Notes:
{{#each hints}}- {{this}}
{{/each}}{{/if}}
Text:
"""
{{text}}
"""`,
});

const rewriteTone = defineTemplate({
  name: 'rewrite_tone',
  description: 'Rewrite a text in another tone, keeping its meaning.',
  system: 'You are an editor. Keep every fact; change only the tone and wording.',
  variables: z.object({
    text: z.string().min(1),
    tone: z.string().min(1),
    keepLength: z.boolean().optional(),
  }),
  template: `Rewrite the text below in a {{tone}} tone.{{#if keepLength}} Keep it about the same length.{{/if}}
"""
{{text}}
"""`,
});

const codeReview = defineTemplate({
  name: 'code_review',
  description: 'Review code or a diff: bugs, risks, and concrete fixes.',
  system:
    'You are a senior engineer doing a code review. Be specific: cite lines, explain the risk, propose a fix. Do not praise.',
  variables: z.object({
    code: z.string().min(1),
    language: z.string().optional(),
    focus: z.array(z.string()).optional(),
  }),
  template: `Review this {{#if language}}{{language}} {{/if}}code.
{{#if focus}}Focus on: {{#each focus}}{{#if @index}}, {{/if}}{{this}}{{/each}}.
{{/if}}List each finding with its severity (high, medium, low).
\`\`\`{{#if language}}{{language}}{{/if}}
{{code}}
\`\`\``,
});

const explainCode = defineTemplate({
  name: 'explain_code',
  description: 'Explain what a piece of code does, for a given level of experience.',
  system: 'You explain code clearly and correctly, step by step.',
  variables: z.object({
    code: z.string().min(1),
    language: z.string().optional(),
    level: z.enum(['beginner', 'intermediate', 'expert']).optional(),
  }),
  template: `Explain what this {{#if language}}{{language}} {{/if}}code does{{#if level}}, for a reader at {{level}} level{{/if}}.
\`\`\`{{#if language}}{{language}}{{/if}}
{{code}}
\`\`\``,
});

const answerFromContext = defineTemplate({
  name: 'answer_from_context',
  description: 'Answer a question from given documents only, citing them.',
  system:
    'Answer only from the documents given. If they do not contain the answer, say so. Cite documents as [n].',
  variables: z.object({
    question: z.string().min(1),
    documents: z.array(z.object({ title: z.string().optional(), content: z.string() })).min(1),
  }),
  template: `Documents:
{{#each documents}}[{{@index}}]{{#if title}} {{title}}{{/if}}
{{content}}

{{/each}}Question: {{question}}`,
});

const sqlFromSchema = defineTemplate({
  name: 'sql_from_schema',
  description: 'Write one SQL query for a question, given the database schema.',
  system:
    'You write correct, efficient SQL. Reply with one query in a sql code block, using only the tables and columns given.',
  variables: z.object({
    question: z.string().min(1),
    schema: z.string().min(1),
    dialect: z.string().optional(),
  }),
  template: `Database schema:
{{schema}}

Write a {{#if dialect}}{{dialect}} {{/if}}SQL query that answers: {{question}}`,
});

const commitMessage = defineTemplate({
  name: 'commit_message',
  description: 'Write a commit message for a diff.',
  system:
    'You write commit messages: a subject line of at most 72 characters in the imperative, a blank line, then why the change was made.',
  variables: z.object({
    diff: z.string().min(1),
    convention: z.enum(['conventional', 'plain']).optional(),
    context: z.string().optional(),
  }),
  template: `Write a commit message{{#if convention}} ({{convention}} style){{/if}} for this diff.
{{#if context}}Context: {{context}}
{{/if}}
\`\`\`diff
{{diff}}
\`\`\``,
});

const chatPersona = defineTemplate({
  name: 'chat_persona',
  description: 'Start a chat with an assistant given a persona and rules.',
  system: `You are {{persona}}.{{#if rules}}
Rules:
{{#each rules}}- {{this}}
{{/each}}{{/if}}`,
  variables: z.object({
    persona: z.string().min(1),
    message: z.string().min(1),
    rules: z.array(z.string()).optional(),
  }),
  template: '{{message}}',
});

/** The preset templates, keyed by name; each carries its variables schema. */
export const templates = {
  summarize,
  translate,
  classify,
  extract_json: extractJson,
  rewrite_tone: rewriteTone,
  code_review: codeReview,
  explain_code: explainCode,
  answer_from_context: answerFromContext,
  sql_from_schema: sqlFromSchema,
  commit_message: commitMessage,
  chat_persona: chatPersona,
} as const;
