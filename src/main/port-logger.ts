import type { Logger as PinoLogger } from 'pino';
import type { Logger } from '../application/ports/logger.js';

/** The core's Logger port on top of pino (message first, fields second, the other way round from pino). */
export function portLogger(pino: PinoLogger): Logger {
  return {
    debug: (message, fields) => pino.debug(fields ?? {}, message),
    info: (message, fields) => pino.info(fields ?? {}, message),
    warn: (message, fields) => pino.warn(fields ?? {}, message),
    error: (message, fields) => pino.error(fields ?? {}, message),
  };
}
