import { type INestApplication, Module, RequestMethod, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { LevelWithSilent } from 'pino';
import type { BaseConfig } from '../config/base-config';
import type { OpenAPIObject } from '@nestjs/swagger';
import { buildOpenApiDocument, setupOpenApi } from '../docs/openapi';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem';
import { ProblemDetailsFilter } from '../errors/problem-details.filter';
import { problemFromException } from '../errors/problem-from-exception';
import { requestLanguage } from '../i18n/request-language';
import { configureLogger, PinoLoggerService } from '../logging/logger';
import { REQUEST_ID_HEADER, requestIdFrom } from '../logging/request-context';
import { collectProcessMetrics } from '../metrics/metrics-registry';
import { PlatformModule } from '../platform.module';
import { installFormBodyParser, installJsonBodyParser } from '../security/json-body';
import { installSecurityHeaders } from '../security/security-headers';
import { createValidationPipe } from '../validation/validation-pipe';
import { installHttpHooks } from './http-hooks';

export const API_PREFIX = 'v1';

/** What a service is, apart from its configuration: main.ts runs it, its OpenAPI document describes it. */
export interface ServiceDefinition {
  /** Service name: logs, metrics labels, Postgres application_name, OpenAPI title. */
  name: string;
  /** The service's root module (its capabilities, DatabaseModule, RedisModule, ...). */
  module: Type<unknown>;
  /** Human title of the API docs; defaults to "Startup Exchange — <name>". */
  title?: string;
  description?: string;
  /** Adds to the OpenAPI document what controllers cannot declare (the notifications service's webhooks). */
  extendOpenApi?: (document: OpenAPIObject) => void;
  /**
   * Parses `application/x-www-form-urlencoded` bodies too (the notifications service's one-click
   * unsubscribe, RFC 8058, which mail clients POST as a form). Off: such a body is a 415.
   */
  formBodies?: boolean;
}

export interface BootstrapOptions extends ServiceDefinition {
  config: BaseConfig;
  /** Handle SIGTERM/SIGINT (on in main.ts; off in tests that boot several apps in one process). */
  handleSignals?: boolean;
}

/** A route as Fastify registered it: `{ method: 'GET', path: '/v1/organisations/:id' }`. */
export interface RegisteredRoute {
  method: string;
  path: string;
}

export interface RunningService {
  app: NestFastifyApplication;
  /** Every route the service answers (HEAD duplicates left out), for tests that must cover them all. */
  routes: RegisteredRoute[];
  /** `http://127.0.0.1:<port>`: the actual port, also when config.PORT is 0. */
  url: string;
  close(): Promise<void>;
}

function createRootModule(options: BootstrapOptions): Type<unknown> {
  @Module({ imports: [PlatformModule.forRoot({ name: options.name, config: options.config }), options.module] })
  class ServiceRootModule {}
  return ServiceRootModule;
}

/** The API under `/v1`; health and metrics at the root (docs are mounted outside the prefix too). */
function setApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
}

function openApiOptions(service: ServiceDefinition) {
  return { title: service.title ?? `Startup Exchange — ${service.name}`, description: service.description, extend: service.extendOpenApi };
}

/**
 * The service's OpenAPI document without running it: Nest in preview mode reads the controllers'
 * metadata and instantiates no provider, so no database, broker or Redis is needed. The same document
 * the running service serves at `/docs-json` (the interfaces generator writes it to docs/openapi/).
 */
export async function openApiDocumentOf(service: ServiceDefinition): Promise<OpenAPIObject> {
  const app = await NestFactory.create(createRootModule({ ...service, config: {} as BaseConfig }), new FastifyAdapter(), { preview: true, logger: false });
  try {
    setApiPrefix(app);
    return buildOpenApiDocument(app, openApiOptions(service));
  } finally {
    await app.close();
  }
}

/** Ends the process if graceful shutdown takes longer than its budget (a stuck socket, a hung hook). */
function armShutdownDeadline(signals: NodeJS.Signals[], timeoutMs: number, logger: PinoLoggerService): void {
  for (const signal of signals) {
    process.once(signal, () => {
      logger.log(`${signal} received: finishing in-flight work (at most ${timeoutMs} ms)`, 'Shutdown');
      setTimeout(() => {
        logger.error(`shutdown did not finish within ${timeoutMs} ms, exiting`, undefined, 'Shutdown');
        process.exit(1);
      }, timeoutMs).unref();
    });
  }
}

/**
 * Creates, configures and starts one service: Fastify, JSON logs with request ids, problem+json
 * errors, strict validation, `/v1` API prefix (health, metrics and docs at the root), OpenAPI at
 * `/docs`, graceful shutdown. main.ts is `bootstrapService({ name, module: AppModule, config })`.
 */
export async function bootstrapService(options: BootstrapOptions): Promise<RunningService> {
  const { config, name } = options;
  configureLogger({ name, level: config.LOG_LEVEL as LevelWithSilent });
  const logger = new PinoLoggerService();
  collectProcessMetrics({ service: name });

  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    genReqId: (req: IncomingMessage) => requestIdFrom(req.headers[REQUEST_ID_HEADER]),
    // Keep-alive sockets are closed on shutdown once idle; in-flight requests finish first.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    logger: false,
    // X-Forwarded-For is believed only from these proxies (none by default): request.ip, which rate
    // limits count by, is otherwise the socket's peer and cannot be forged by the client.
    trustProxy: config.TRUSTED_PROXIES.length > 0 ? config.TRUSTED_PROXIES : false,
    // A badly percent-encoded path (400) or an over-long path parameter (414) is answered by the
    // router before any hook or filter: make it a problem document too, without echoing the path.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      // No principal yet (the router runs before the guards): Accept-Language or English.
      const language = requestLanguage(request as unknown as Parameters<typeof requestLanguage>[0]);
      const { problem, headers } = problemFromException(error, language);
      problem.requestId = String(request.id);
      void reply
        .code(problem.status)
        .headers({ ...headers, [REQUEST_ID_HEADER]: problem.requestId, 'Content-Language': language })
        .type(PROBLEM_CONTENT_TYPE)
        .send(problem);
    },
  });
  const routes: RegisteredRoute[] = [];
  adapter.getInstance().addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, path: route.url });
  });
  const app = await NestFactory.create<NestFastifyApplication>(createRootModule(options), adapter, {
    logger,
    bufferLogs: true,
    abortOnError: false,
  });

  installHttpHooks(app.getHttpAdapter().getInstance());
  installSecurityHeaders(app);
  installJsonBodyParser(app, { bodyLimit: config.BODY_LIMIT_BYTES, maxDepth: config.JSON_MAX_DEPTH });
  if (options.formBodies) installFormBodyParser(app);
  setApiPrefix(app);
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(createValidationPipe());
  setupOpenApi(app as INestApplication, openApiOptions(options));

  if (options.handleSignals ?? true) {
    const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];
    app.enableShutdownHooks(signals, { useProcessExit: true });
    armShutdownDeadline(signals, config.SHUTDOWN_TIMEOUT_MS, logger);
  }

  await app.listen(config.PORT, config.HOST);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  const url = `http://${host}:${port}`;
  logger.log(`${name} listening on ${url} (API ${url}/${API_PREFIX}, docs ${url}/docs)`, 'Bootstrap');
  return { app, url, routes, close: () => app.close() };
}

/** For main.ts: boots, or logs why it could not and exits non-zero. */
export function runService(options: BootstrapOptions): void {
  bootstrapService(options).catch((err: unknown) => {
    new PinoLoggerService().fatal(err instanceof Error ? err : new Error(String(err)), 'Bootstrap');
    process.exit(1);
  });
}

/** For a service's `cli/openapi-document.ts`: writes its OpenAPI document to stdout as JSON. */
export function printOpenApiDocument(service: ServiceDefinition): void {
  openApiDocumentOf(service)
    .then((document) => process.stdout.write(`${JSON.stringify(document, null, 2)}\n`))
    .catch((err: unknown) => {
      process.stderr.write(`${service.name}: cannot build the OpenAPI document: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    });
}
