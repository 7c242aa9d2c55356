import type { Logger } from '@llm/core';
import type { ClientOptions } from 'openai';

type SdkLogger = NonNullable<ClientOptions['logger']>;

const fields = (rest: unknown[]) => (rest.length > 0 ? { details: rest } : undefined);

/**
 * Routes the SDK's own log lines (e.g. "Could not parse message into JSON") to our Logger instead of
 * the console. The SDK already masks authorization and api-key headers in what it logs.
 */
export function toSdkLogger(logger: Logger): SdkLogger {
  return {
    error: (message: string, ...rest: unknown[]) => logger.error(String(message), fields(rest)),
    warn: (message: string, ...rest: unknown[]) => logger.warn(String(message), fields(rest)),
    info: (message: string, ...rest: unknown[]) => logger.info(String(message), fields(rest)),
    debug: (message: string, ...rest: unknown[]) => logger.debug(String(message), fields(rest)),
  };
}
