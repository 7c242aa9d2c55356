import { describe, expect, it } from 'vitest';
import { parseCliArguments } from './cli-arguments';

describe('parseCliArguments', () => {
  it('defaults to a random port, no wire dir and any key', () => {
    expect(parseCliArguments([])).toEqual({
      port: 0,
      wireDir: undefined,
      apiKeys: undefined,
      help: false,
      fault: undefined,
      failRate: undefined,
      latencyMs: undefined,
      seed: 1,
      quiet: false,
    });
  });

  it('reads --port and --wire-dir as separate or = values', () => {
    expect(parseCliArguments(['--port', '8080', '--wire-dir=/tmp/wire'])).toMatchObject({
      port: 8080,
      wireDir: '/tmp/wire',
    });
  });

  it('collects repeated --api-key flags', () => {
    expect(parseCliArguments(['--api-key', 'a', '--api-key', 'b']).apiKeys).toEqual(['a', 'b']);
  });

  it('rejects a port that is not a number', () => {
    expect(() => parseCliArguments(['--port', 'abc'])).toThrow(
      '--port must be 0-65535 (got "abc")',
    );
  });

  it('rejects a flag without its value', () => {
    expect(() => parseCliArguments(['--wire-dir'])).toThrow('--wire-dir needs a value');
  });

  it('rejects an unknown argument', () => {
    expect(() => parseCliArguments(['--verbose'])).toThrow('unknown argument "--verbose"');
  });
});
