import { describe, expect, it } from 'vitest';
import { expandTemplate } from './substitute-variables';

const env = { OPENAI_API_KEY: 'sk-test', EMPTY: '', HOST: 'example.com' };

describe('expandTemplate', () => {
  it('replaces ${NAME} anywhere in the text', () => {
    expect(expandTemplate('https://${HOST}/v1?key=${OPENAI_API_KEY}', env)).toEqual({
      value: 'https://example.com/v1?key=sk-test',
      unresolved: [],
    });
  });

  it('reports an unset variable', () => {
    expect(expandTemplate('${MISSING}', env).unresolved).toEqual([{ variable: 'MISSING' }]);
  });

  it('keeps a variable that is set but empty', () => {
    expect(expandTemplate('[${EMPTY}]', env)).toEqual({ value: '[]', unresolved: [] });
  });

  it('uses the default of ${NAME:-default} when the variable is unset or empty', () => {
    expect(expandTemplate('${MISSING:-https://api.openai.com/v1}', env).value).toBe(
      'https://api.openai.com/v1',
    );
    expect(expandTemplate('${EMPTY:-fallback}', env).value).toBe('fallback');
    expect(expandTemplate('${HOST:-fallback}', env).value).toBe('example.com');
  });

  it('reports ${NAME:?message} with its message when the variable is unset or empty', () => {
    expect(expandTemplate('${EMPTY:?set it in .env}', env).unresolved).toEqual([
      { variable: 'EMPTY', message: 'set it in .env' },
    ]);
  });

  it('writes a literal ${ for $${', () => {
    expect(expandTemplate('cost: $${HOST}', env)).toEqual({
      value: 'cost: ${HOST}',
      unresolved: [],
    });
  });

  it('leaves text without references alone, including lone dollar signs', () => {
    expect(expandTemplate('pa$$word $5', env)).toEqual({ value: 'pa$$word $5', unresolved: [] });
  });

  it('reports malformed and unterminated references', () => {
    expect(expandTemplate('${NOT VALID}', env).syntaxError).toMatch(
      /^malformed variable reference/,
    );
    expect(expandTemplate('${OPEN', env).syntaxError).toMatch(/^unterminated/);
  });
});
