import { configureLogger, getLogger, REQUEST_ID_HEADER, requestIdFrom } from '@exchange/platform';
import Fastify, { type FastifyInstance } from 'fastify';
import Redis from 'ioredis';
import { registerApplicationRoutes } from './app/application-routes';
import { type ConsoleConfig, SERVER_NAME } from './config';
import { sendProblem } from './http/problems';
import { installRequestLog } from './http/request-log';
import { installSecurityHeaders } from './http/security-headers';
import { PROXY_BODY_LIMIT, registerProxyRoutes } from './proxy/proxy.routes';
import { createServiceCaller } from './proxy/service-caller';
import { registerSessionRoutes } from './session/session.routes';
import { SessionStore } from './session/session-store';
import { Sessions } from './session/sessions';
import { SignInLimit } from './session/sign-in-limit';

export interface ConsoleServer {
  app: FastifyInstance;
  /** Starts listening on CONSOLE_HOST:CONSOLE_PORT; resolves with `http://host:port` (the real port when 0). */
  listen(): Promise<string>;
  /** Stops taking requests, lets the ones in flight finish, then leaves Redis. */
  close(): Promise<void>;
}

function connectRedis(url: string): Redis {
  const logger = getLogger({ component: 'redis' });
  // Not blocking boot on Redis: ioredis reconnects by itself, and a request meanwhile fails with a problem.
  const redis = new Redis(url, { connectionName: 'console-server', maxRetriesPerRequest: 2 });
  let lastError = '';
  redis.on('error', (err: Error) => {
    if (err.message !== lastError) logger.warn({ err: err.message }, 'Redis connection error');
    lastError = err.message;
  });
  redis.on('ready', () => (lastError = ''));
  return redis;
}

/** The console server (docs/console.md): sessions, the proxy to the services, the built application. */
export async function buildConsoleServer(config: ConsoleConfig): Promise<ConsoleServer> {
  configureLogger({ name: SERVER_NAME, level: config.LOG_LEVEL });
  const app = Fastify({
    logger: false,
    bodyLimit: PROXY_BODY_LIMIT,
    genReqId: (req) => requestIdFrom(req.headers[REQUEST_ID_HEADER]),
    // X-Forwarded-For is believed only from these proxies (none by default): request.ip, which the
    // sign-in limit counts by and the services are told, cannot be forged by the browser otherwise.
    trustProxy: config.TRUSTED_PROXIES.length > 0 ? config.TRUSTED_PROXIES : false,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // A badly encoded path is refused by the router before any hook: a problem document too.
    frameworkErrors: (error, request, reply) => void sendProblem(request, reply, error),
  });
  const redis = connectRedis(config.REDIS_URL);
  const callService = createServiceCaller(config);
  const sessions = new Sessions(new SessionStore(redis, config.CONSOLE_SESSION_TTL_SECONDS), config.CONSOLE_COOKIE_SECURE);
  const signInLimit = new SignInLimit(redis, config.CONSOLE_SIGN_IN_PER_IP, config.CONSOLE_SIGN_IN_WINDOW_SECONDS);

  installRequestLog(app);
  installSecurityHeaders(app, { https: config.CONSOLE_COOKIE_SECURE });
  // Only JSON is read outside the proxy (a sign-in); text/plain would let a cross-site form post one.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler((error, request, reply) => sendProblem(request, reply, error));

  app.get('/health/live', async () => ({ status: 'ok' }));
  registerSessionRoutes(app, { sessions, signInLimit, callService });
  registerProxyRoutes(app, { sessions, callService });
  await registerApplicationRoutes(app, config.CONSOLE_STATIC_DIR);

  return {
    app,
    async listen() {
      await app.listen({ port: config.CONSOLE_PORT, host: config.CONSOLE_HOST });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.CONSOLE_PORT;
      const host = config.CONSOLE_HOST === '0.0.0.0' || config.CONSOLE_HOST === '::' ? '127.0.0.1' : config.CONSOLE_HOST;
      return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    },
    async close() {
      await app.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
