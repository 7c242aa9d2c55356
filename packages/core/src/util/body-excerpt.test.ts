import { describe, expect, it } from 'vitest';
import { BODY_EXCERPT_LIMIT, bodyExcerpt } from './body-excerpt';

describe('bodyExcerpt', () => {
  it('reduces an HTML page to its text, without scripts or styles, decoding entities', () => {
    const page =
      '<html><head><title>Login</title><style>p{}</style><script>var a=1;</script></head>' +
      '<body><h1>502 Bad Gateway</h1>\n<p>Please &amp; sign in</p></body></html>';
    expect(bodyExcerpt(page)).toBe('Login 502 Bad Gateway Please & sign in');
  });

  it(`cuts a long body to ${BODY_EXCERPT_LIMIT} characters, ending in an ellipsis`, () => {
    const excerpt = bodyExcerpt('word '.repeat(1000));
    expect(excerpt).toHaveLength(BODY_EXCERPT_LIMIT);
    expect(excerpt.endsWith('…')).toBe(true);
  });

  it('scrubs a secret before trimming, so a secret at the cut is never half shown', () => {
    const secret = 'sk-test-abcdefghijklmnop';
    const body = `${'x'.repeat(BODY_EXCERPT_LIMIT - 10)}${secret}`;
    const excerpt = bodyExcerpt(body, [secret]);
    expect(excerpt.length).toBeLessThanOrEqual(BODY_EXCERPT_LIMIT);
    expect(excerpt).not.toContain(secret.slice(0, 9));
  });

  it('replaces a secret inside a page by ***', () => {
    expect(bodyExcerpt('<p>key: sk-ant-secret-key</p>', ['sk-ant-secret-key'])).toBe('key: ***');
  });

  it('says so when the body is empty', () => {
    expect(bodyExcerpt('  ')).toBe('(empty body)');
  });

  it('keeps a body that is not HTML as it is', () => {
    expect(bodyExcerpt('{"detail":"nope"}')).toBe('{"detail":"nope"}');
  });
});
