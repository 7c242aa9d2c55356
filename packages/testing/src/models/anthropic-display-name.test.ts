import { expect, it } from 'vitest';
import { anthropicDisplayName } from './anthropic-display-name';

it.each([
  ['claude-sonnet-4-5-20250929', 'Claude Sonnet 4.5'],
  ['claude-opus-5', 'Claude Opus 5'],
  ['claude-3-opus-20240229', 'Claude 3 Opus'],
])('names %s as %s', (id, name) => {
  expect(anthropicDisplayName(id)).toBe(name);
});
