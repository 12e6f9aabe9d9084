import { getLogger } from '@exchange/platform';
import type { MessagingLogger } from '../logger';

/** Routes messaging logs through the service's pino logger, so they share its format and level. */
export function platformLogger(component: string): MessagingLogger {
  const logger = getLogger({ component });
  return {
    log: (message, context) => logger.info(context ?? {}, message),
    warn: (message, context) => logger.warn(context ?? {}, message),
    error: (message, context) => logger.error(context ?? {}, message),
  };
}
