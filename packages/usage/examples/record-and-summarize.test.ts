import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recordAndSummarize } from './record-and-summarize';
import { temporaryDirectory } from '../src/__tests__/temporary-directory';

describe('README example', () => {
  it('is this file, word for word, with the package import', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('./record-and-summarize.ts', import.meta.url), 'utf8');
    expect(readme).toContain(example.replace("from '../src/index'", "from '@llm/usage'").trim());
  });

  it('prices a call, records it and summarizes it by tag', async () => {
    const summaries = await recordAndSummarize(temporaryDirectory('readme-'));
    expect(summaries).toMatchObject([
      { group: 'ada', total_requests: 1, total_cost_decimal: '0.02776', currency: 'USD' },
    ]);
  });
});
