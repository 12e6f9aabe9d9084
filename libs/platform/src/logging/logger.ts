import type { LoggerService } from '@nestjs/common';
import pino, { type Logger, type LevelWithSilent } from 'pino';
import { currentRequestId } from './request-context';

/**
 * One pino logger per process, JSON to stdout. Every line gets the current request id (if any) via
 * a mixin, so code deep in a call chain does not need to pass it along.
 */
let root: Logger = createRootLogger({ name: 'exchange', level: 'info' });

export function createRootLogger(opts: { name: string; level: LevelWithSilent }): Logger {
  return pino({
    level: opts.level,
    base: { service: opts.name, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const requestId = currentRequestId();
      return requestId === undefined ? {} : { requestId };
    },
  });
}

export function configureLogger(opts: { name: string; level: LevelWithSilent }): Logger {
  root = createRootLogger(opts);
  return root;
}

/** The process logger, or a child with fixed fields (e.g. `{ component: 'outbox-relay' }`). */
export function getLogger(bindings?: Record<string, unknown>): Logger {
  return bindings ? root.child(bindings) : root;
}

/** Adapts pino to Nest's LoggerService (Nest passes the context name as the last argument). */
export class PinoLoggerService implements LoggerService {
  constructor(private readonly logger: Logger = getLogger()) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest, true);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest, true);
  }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, rest: unknown[], mayHaveStack = false): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const args = [...rest];
    const context = args.length > 0 && typeof args[args.length - 1] === 'string' ? (args.pop() as string) : undefined;
    // Nest's error(message, stack, context): the stack is a string argument before the context.
    const stack = mayHaveStack && typeof args[0] === 'string' ? (args.shift() as string) : undefined;
    const fields: Record<string, unknown> = {};
    if (context) fields.context = context;
    if (stack) fields.stack = stack;
    if (message instanceof Error) {
      this.logger[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ ...fields, ...(message as Record<string, unknown>) });
    } else {
      this.logger[level](fields, String(message));
    }
  }
}
