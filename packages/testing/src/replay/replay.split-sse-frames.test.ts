import { describe, expect, it } from 'vitest';
import { fixtureFiles, readFixture } from '../__tests__/read-fixture';
import { splitSseFrames } from './replay';

const sseFixtures = ['openai', 'anthropic', 'azure'].flatMap((folder) =>
  fixtureFiles(folder, '.sse'),
);

describe('splitSseFrames', () => {
  it('ends every frame but the last with a blank line', () => {
    const frames = splitSseFrames('data: 1\n\ndata: 2\n\n');
    expect(frames).toEqual(['data: 1\n\n', 'data: 2\n\n']);
  });

  it('keeps CRLF framing', () => {
    expect(splitSseFrames('event: a\r\ndata: 1\r\n\r\ndata: 2\r\n\r\n')).toEqual([
      'event: a\r\ndata: 1\r\n\r\n',
      'data: 2\r\n\r\n',
    ]);
  });

  it.each(sseFixtures)('gives back %s byte for byte when joined', (file) => {
    const text = readFixture(file);
    expect(splitSseFrames(text).join('')).toBe(text);
  });
});
