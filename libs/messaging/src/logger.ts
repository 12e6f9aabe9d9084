/** The slice of a logger messaging needs; Nest's LoggerService and pino both fit behind it. */
export interface MessagingLogger {
  log(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

/** JSON lines on stdout/stderr, the same shape as the services' logs. */
export const jsonLogger = (component: string): MessagingLogger => {
  const write = (level: string, message: string, context?: Record<string, unknown>) => {
    const line = JSON.stringify({ level, time: new Date().toISOString(), component, msg: message, ...context });
    (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
  };
  return {
    log: (m, c) => write('info', m, c),
    warn: (m, c) => write('warn', m, c),
    error: (m, c) => write('error', m, c),
  };
};
