import { describe, expect, it } from 'vitest';
import { parseDotenv } from './dotenv-files';

describe('parseDotenv', () => {
  it('reads plain, exported and commented assignments', () => {
    const text =
      '# keys\nOPENAI_API_KEY=sk-one\nexport ANTHROPIC_API_KEY = sk-two  # inline comment\n\nEMPTY=\n';
    expect(parseDotenv(text, '.env')).toEqual({
      values: { OPENAI_API_KEY: 'sk-one', ANTHROPIC_API_KEY: 'sk-two', EMPTY: '' },
      issues: [],
    });
  });

  it('keeps a hash inside an unquoted value that is not preceded by a space', () => {
    expect(parseDotenv('URL=http://host/#anchor\n', '.env').values.URL).toBe('http://host/#anchor');
  });

  it('reads single-quoted values literally and double-quoted values with escapes', () => {
    const text = `LITERAL='a\\nb # not a comment'\nESCAPED="line1\\nline2 \\"quoted\\""\n`;
    expect(parseDotenv(text, '.env').values).toEqual({
      LITERAL: 'a\\nb # not a comment',
      ESCAPED: 'line1\nline2 "quoted"',
    });
  });

  it('reads a double-quoted value that spans lines', () => {
    const text = 'KEY="-----BEGIN KEY-----\nabc\n-----END KEY-----"\nNEXT=1\n';
    expect(parseDotenv(text, '.env').values).toEqual({
      KEY: '-----BEGIN KEY-----\nabc\n-----END KEY-----',
      NEXT: '1',
    });
  });

  it('reports a line that is not an assignment with its line number', () => {
    expect(parseDotenv('GOOD=1\nthis is not valid\n', '/p/.env').issues).toEqual([
      { path: '', message: 'expected KEY=value', file: '/p/.env', line: 2, column: 1 },
    ]);
  });

  it('reports an unclosed quote without echoing the value', () => {
    const { issues } = parseDotenv('SECRET="sk-never-closed\n', '.env');
    expect(issues).toEqual([
      {
        path: '',
        message: 'the quoted value of SECRET is not closed',
        file: '.env',
        line: 1,
        column: 8,
      },
    ]);
  });
});
