import { applyDecorators, type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor, UseInterceptors } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { catchError, from, mergeMap, type Observable, of, throwError } from 'rxjs';
import { DataSource } from 'typeorm';
import { PRINCIPAL_REQUEST_KEY } from '../auth/auth.decorators';
import type { AuthenticatedPrincipal } from '../auth/authenticated-principal';
import { SERVICE_NAME } from '../config/config.tokens';
import { platformProblem, type ProblemException } from '../errors/problem';
import { problemText } from '../errors/problem-messages';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Response headers worth replaying with the stored body. */
const REPLAYED_HEADERS = ['location', 'etag'];
/** How long a duplicate waits for the first request to finish before answering 409. */
const WAIT_FOR_FIRST_MS = 10_000;
/** An in-progress entry older than this belongs to a request that died: the next one takes over. */
const ABANDONED_AFTER_SECONDS = 60;

/** Key order does not change a body's meaning, so it must not change its hash either. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function idempotencyRequestHash(method: string, url: string, body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([method, url, canonical(body ?? null)]))
    .digest('hex');
}

interface StoredRow {
  request_hash: string;
  response_status: number | null;
  response_body: unknown;
  response_headers: Record<string, string> | null;
  expired: boolean;
  abandoned: boolean;
}

type Outcome = { kind: 'first' } | { kind: 'replay'; status: number; body: unknown; headers: Record<string, string> };

function problem(status: number, code: 'IDEMPOTENCY.INVALID_KEY' | 'IDEMPOTENCY.KEY_REUSED' | 'IDEMPOTENCY.IN_PROGRESS', headers: Record<string, string> = {}): ProblemException {
  return platformProblem(status, 'urn:exchange:problem:idempotency', problemText(code), { headers });
}

/**
 * `Idempotency-Key` for creating calls (stored in identity.idempotency_keys for 24 h, scope
 * `<service>:<principal id>:<METHOD path>`). The first request claims the key with an atomic insert;
 * a repeat with the same body gets the first response and status replayed (`Idempotency-Replayed:
 * true`), one with another body 422, one that arrives while the first is still running waits for it
 * (409 if it takes too long). A failed first request releases the key so the call can be retried.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & Record<string, unknown>>();
    const reply = http.getResponse<FastifyReply>();
    const key = request.headers[IDEMPOTENCY_HEADER];
    if (key === undefined) return next.handle();
    if (typeof key !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(key)) {
      return throwError(() => problem(400, 'IDEMPOTENCY.INVALID_KEY'));
    }
    const principal = request[PRINCIPAL_REQUEST_KEY] as AuthenticatedPrincipal | undefined;
    const path = request.url.split('?')[0];
    const scope = `${this.service}:${principal?.principalId ?? `ip:${request.ip}`}:${request.method} ${path}`;
    const hash = idempotencyRequestHash(request.method, request.url, request.body);
    const status = (Reflect.getMetadata('__httpCode__', context.getHandler()) as number | undefined) ?? (request.method === 'POST' ? 201 : 200);
    const dataSource = this.moduleRef.get(DataSource, { strict: false });

    return from(this.claim(dataSource, scope, key, hash)).pipe(
      mergeMap((outcome) => {
        if (outcome.kind === 'replay') {
          void reply.headers({ ...outcome.headers, 'idempotency-replayed': 'true' });
          void reply.status(outcome.status);
          return of(outcome.body);
        }
        return next.handle().pipe(
          mergeMap(async (body: unknown) => {
            const headers: Record<string, string> = {};
            for (const name of REPLAYED_HEADERS) {
              const value = reply.getHeader(name);
              if (typeof value === 'string') headers[name] = value;
            }
            await dataSource.query(
              `UPDATE identity.idempotency_keys SET response_status = $3, response_body = to_jsonb($4::text), response_headers = $5::jsonb
                WHERE scope = $1 AND key = $2`,
              [scope, key, status, JSON.stringify(body ?? null), JSON.stringify(headers)],
            );
            return body;
          }),
          catchError((err: unknown) =>
            from(dataSource.query(`DELETE FROM identity.idempotency_keys WHERE scope = $1 AND key = $2 AND response_status IS NULL`, [scope, key])).pipe(
              mergeMap(() => throwError(() => err)),
            ),
          ),
        );
      }),
    );
  }

  private async claim(dataSource: DataSource, scope: string, key: string, hash: string): Promise<Outcome> {
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      const inserted = (await dataSource.query(
        `INSERT INTO identity.idempotency_keys (scope, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key`,
        [scope, key, hash],
      )) as unknown[];
      if (inserted.length === 1) return { kind: 'first' };

      const rows = (await dataSource.query(
        `SELECT request_hash, response_status, response_body, response_headers, expires_at <= now() AS expired,
                created_at < now() - make_interval(secs => $3) AS abandoned
           FROM identity.idempotency_keys WHERE scope = $1 AND key = $2`,
        [scope, key, ABANDONED_AFTER_SECONDS],
      )) as StoredRow[];
      const row = rows[0];
      if (!row) continue; // released by a failed first request: claim again
      if (row.expired) {
        await dataSource.query(`DELETE FROM identity.idempotency_keys WHERE scope = $1 AND key = $2 AND expires_at <= now()`, [scope, key]);
        continue;
      }
      if (row.request_hash !== hash) {
        throw problem(422, 'IDEMPOTENCY.KEY_REUSED');
      }
      if (row.response_status !== null) {
        // The body is kept as JSON text (a jsonb string) so the replay has the exact key order of the first answer.
        const body = typeof row.response_body === 'string' ? (JSON.parse(row.response_body) as unknown) : row.response_body;
        return { kind: 'replay', status: row.response_status, body, headers: row.response_headers ?? {} };
      }
      if (row.abandoned) {
        const taken = (await dataSource.query(
          `UPDATE identity.idempotency_keys SET created_at = now()
            WHERE scope = $1 AND key = $2 AND response_status IS NULL AND created_at < now() - make_interval(secs => $3) RETURNING key`,
          [scope, key, ABANDONED_AFTER_SECONDS],
        )) as [unknown[], number];
        if (taken[0].length === 1) return { kind: 'first' };
        continue;
      }
      if (Date.now() > deadline) {
        throw problem(409, 'IDEMPOTENCY.IN_PROGRESS', { 'Retry-After': '1' });
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/**
 * Marks a creating route as idempotent: `@Idempotent()` next to `@Post()`. Documents the header.
 */
export const Idempotent = () =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Any unique string (e.g. a UUID). Repeating the request with the same key and body replays the first response for 24 h; the same key with another body answers 422.',
    }),
  );
