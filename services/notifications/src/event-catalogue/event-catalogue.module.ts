import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { buildAsyncApiDocument } from '@exchange/contracts';
import { renderEventCataloguePage } from './event-catalogue-page';

/** Beside Swagger UI at /docs, outside the /v1 prefix. */
export const EVENT_CATALOGUE_PATH = '/docs/events';

/**
 * Serves the event catalogue page. Registered on Fastify directly, like the docs: it is public
 * documentation, so it stays outside the API's prefix, guards and OpenAPI document. The page is
 * rendered once: it depends only on the contracts.
 */
@Injectable()
export class EventCatalogueRoute implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const html = renderEventCataloguePage(buildAsyncApiDocument());
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.get(EVENT_CATALOGUE_PATH, (_request, reply) => {
      void reply.header('cache-control', 'public, max-age=300').type('text/html; charset=utf-8').send(html);
    });
  }
}

@Module({ providers: [EventCatalogueRoute] })
export class EventCatalogueModule {}
