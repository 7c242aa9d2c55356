import { describe, expect, it } from 'vitest';
import { capturedPino } from './__tests__/captured-log-lines';
import { isPinoLike, resolveManagerLogging } from './manager-logging';

function messageFirst() {
  const seen: Array<[string, string, unknown]> = [];
  const at = (level: string) => (message: string, fields?: unknown) =>
    void seen.push([level, message, fields]);
  return {
    seen,
    logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') },
  };
}

describe('resolveManagerLogging', () => {
  it('tells a pino-shaped logger from the toolkit Logger by its child()', () => {
    expect(isPinoLike(capturedPino().logger)).toBe(true);
    expect(isPinoLike(messageFirst().logger)).toBe(false);
  });

  it('writes the packages lines to a pino logger fields first, with the secrets scanned out', () => {
    const { logger, parsed } = capturedPino('debug');
    const logging = resolveManagerLogging({ logger, env: {} });
    logging.useSecrets(() => ['sk-configured-0001']);
    for (const level of ['debug', 'info', 'warn', 'error'] as const)
      logging.logger[level](`failed with sk-configured-0001 (${level})`, { api_key: 'x', n: 1 });
    expect(
      parsed().map((line) => [line['level'], line['msg'], line['api_key'], line['n']]),
    ).toEqual([
      [20, 'failed with *** (debug)', '***', 1],
      [30, 'failed with *** (info)', '***', 1],
      [40, 'failed with *** (warn)', '***', 1],
      [50, 'failed with *** (error)', '***', 1],
    ]);
    expect(logging.debug).toBe(false);
  });

  it('neither scans nor hands on a packages line below the logger level', () => {
    const { logger, parsed } = capturedPino('warn');
    const logging = resolveManagerLogging({ logger, env: {} });
    let secretReads = 0;
    logging.useSecrets(() => {
      secretReads += 1;
      return ['sk-configured-0001'];
    });
    logging.logger.debug('retrying with sk-configured-0001', { n: 1 });
    logging.logger.info('retrying with sk-configured-0001', { n: 2 });
    expect(secretReads).toBe(0);
    logging.logger.warn('failed with sk-configured-0001', { n: 3 });
    expect(parsed().map((line) => [line['msg'], line['n']])).toEqual([['failed with ***', 3]]);
    expect(secretReads).toBeGreaterThan(0);
  });

  it('hands the toolkit Logger to the packages as it is and adapts it for the subscriber', () => {
    const { logger, seen } = messageFirst();
    const logging = resolveManagerLogging({ logger, env: { LLM_DEBUG: '1' } });
    expect(logging.logger).toBe(logger);
    expect(logging.debug).toBe(true);
    for (const level of ['debug', 'info', 'warn', 'error'] as const)
      logging.structured[level]({ a: 1 }, level);
    expect(seen).toEqual([
      ['debug', 'debug', { a: 1 }],
      ['info', 'info', { a: 1 }],
      ['warn', 'warn', { a: 1 }],
      ['error', 'error', { a: 1 }],
    ]);
    // The caller's logger keeps the level the caller gave it.
    logging.applyConfigLevel('error');
  });

  it('creates pino at warn, lowered by debug mode, set by [llm.logging] level unless LLM_LOG_LEVEL is set', () => {
    const levelOf = (logging: ReturnType<typeof resolveManagerLogging>) =>
      (logging.structured as unknown as { level: string }).level;
    const plain = resolveManagerLogging({ env: {} });
    expect(levelOf(plain)).toBe('warn');
    plain.applyConfigLevel('info');
    expect(levelOf(plain)).toBe('info');
    plain.applyConfigLevel(undefined);
    expect(levelOf(plain)).toBe('warn');
    const debug = resolveManagerLogging({ env: {}, debug: true });
    expect(levelOf(debug)).toBe('debug');
    debug.applyConfigLevel('nonsense');
    expect(levelOf(debug)).toBe('debug');
    const forced = resolveManagerLogging({ env: { LLM_LOG_LEVEL: 'ERROR', LLM_DEBUG: 'yes' } });
    expect(levelOf(forced)).toBe('error');
    forced.applyConfigLevel('debug');
    expect(levelOf(forced)).toBe('error');
    expect(resolveManagerLogging({ env: { LLM_LOG_LEVEL: 'loud' } }).debug).toBe(false);
  });
});
