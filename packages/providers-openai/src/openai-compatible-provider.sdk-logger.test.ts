import type { LogFields, Logger } from '@llm/core';
import { describe, expect, it } from 'vitest';
import { toSdkLogger } from './openai-compatible-provider';

function recordingLogger(): Logger & { lines: Array<[string, string, LogFields | undefined]> } {
  const lines: Array<[string, string, LogFields | undefined]> = [];
  const at = (level: string) => (message: string, fields?: LogFields) =>
    void lines.push([level, message, fields]);
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('toSdkLogger', () => {
  it('passes each level to our logger with the extra arguments as details', () => {
    const logger = recordingLogger();
    const sdk = toSdkLogger(logger);
    sdk.error('Could not parse message into JSON:', '{"broken');
    sdk.warn('careful');
    expect(logger.lines).toEqual([
      ['error', 'Could not parse message into JSON:', { details: ['{"broken'] }],
      ['warn', 'careful', undefined],
    ]);
  });
});
