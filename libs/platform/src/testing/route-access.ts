import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DataSource as DataSourceClass } from 'typeorm';
import { ROLES, type Role } from '@exchange/data';
import { PUBLIC_METADATA, ROLES_METADATA } from '../auth/auth.decorators';
import { API_PREFIX, type RunningService } from '../bootstrap/bootstrap-service';
import { createTestOrganisation, createTestStartup, issueTestApiKey, type TestApiKey, type TestOrganisation } from './identity-fixtures';
import { startServiceInProcess, type ServiceUnderTest } from './service-boot-suite';

/**
 * The route-access table of a service (services/<svc>/test/route-access.table.ts): one entry per
 * route. The runner checks, for every route the running service registers:
 *   - no key → 401 (and wrong roles → 403) for every non-public route;
 *   - every allowed role gets past the guard (no 401/403 even for an unknown object);
 *   - with `setup`: another tenant's caller → 404, the owner → success.
 * A registered route missing from the table fails, printing the entry to add. An entry whose route
 * is not registered (yet: tables and controllers are written in parallel) is reported, not failed.
 * Entries without `setup` get the guard checks only; add a setup for the 404 and success checks.
 */
export interface RouteAccessEntry {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** As registered, with `:params`: `/v1/organisations/:organisationId`. */
  path: string;
  /** Roles that may call the route, or 'public' for @Public() routes. */
  roles: readonly Role[] | 'public';
  /** Builds the tenant's object and says how its owner calls the route. */
  setup?: (ctx: RouteAccessContext) => Promise<RouteCase>;
  /**
   * The hostile callers of the route (DESIGN.md §9): each case is refused with its status, and the
   * rows it names stay as they were. Every route with an id in its body or query, every key and
   * people route, and every organiser-only action of a programme has them.
   */
  hostile?: (ctx: RouteAccessContext) => Promise<HostileCase[]>;
}

/**
 * - `foreign-id`: another tenant's object, or an unknown id, named in the body or query;
 * - `escalation`: a caller acting on a person (or key) of a role above what it could create;
 * - `partner`: a partner organisation's staff taking an action only the organiser may take.
 */
export type HostileKind = 'foreign-id' | 'escalation' | 'partner';

export interface HostileCase {
  kind: HostileKind;
  /** What the attacker tries, in words: shown when the case fails. */
  what: string;
  /** The concrete path; the entry's path when omitted (no params). */
  path?: string;
  body?: unknown;
  headers?: Record<string, string>;
  as: TestApiKey;
  /** The refusal: 404, 403 or 422 (one of several when given a list). */
  expectStatus: number | readonly number[];
  /** For a 422: the field the problem must name in its `errors`. */
  field?: string;
  /** Reads what the call must not change (rows, counts); compared before and after. */
  unchanged: () => Promise<unknown>;
}

export interface RouteCase {
  /** The concrete path for the owner's object; the entry's path when omitted (no params). */
  path?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** The caller who must succeed (omit only on public routes). */
  as?: TestApiKey;
  /**
   * A caller of an allowed role from another tenant, who must get 404 for this object; null when
   * the route has no object of a tenant (a create, a list of one's own, an admin-wide route).
   */
  otherTenant?: TestApiKey | null;
  /** The success status; any 2xx when omitted. */
  expectStatus?: number;
}

export interface RouteAccessContext {
  dataSource: DataSource;
  service: RunningService;
  /** A fresh principal and key of `role` (in a fresh organisation or startup unless given). */
  key(role: Role, tenant?: { organisationId?: string; startupId?: string }): Promise<TestApiKey>;
  organisation(opts?: Parameters<typeof createTestOrganisation>[1]): Promise<TestOrganisation>;
  startup(): Promise<{ id: string; name: string }>;
  /** fetch against the service with a key; JSON body. */
  call(method: string, path: string, opts?: { key?: TestApiKey; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
}

const METHOD_NAMES: Record<number, string> = {
  [RequestMethod.GET]: 'GET',
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.PATCH]: 'PATCH',
  [RequestMethod.DELETE]: 'DELETE',
};

export interface DeclaredRoute {
  method: string;
  path: string;
  roles: Role[] | 'public' | 'undeclared';
}

/** Every controller route with the access its decorators declare: what a new table entry should say. */
export function declaredRoutes(service: RunningService): DeclaredRoute[] {
  const routes: DeclaredRoute[] = [];
  for (const module of service.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!controller?.prototype) continue;
      const base = [Reflect.getMetadata('path', controller) as string | string[] | undefined].flat()[0] ?? '';
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const method = Reflect.getMetadata('method', handler) as number | undefined;
        const sub = Reflect.getMetadata('path', handler) as string | string[] | undefined;
        if (method === undefined || sub === undefined) continue;
        const isPublic = Reflect.getMetadata(PUBLIC_METADATA, handler) ?? Reflect.getMetadata(PUBLIC_METADATA, controller);
        const roles = (Reflect.getMetadata(ROLES_METADATA, handler) ?? Reflect.getMetadata(ROLES_METADATA, controller)) as Role[] | undefined;
        for (const p of [sub].flat()) {
          const path = `/${[API_PREFIX, base, p].map((s) => s.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
          routes.push({ method: METHOD_NAMES[method] ?? String(method), path, roles: isPublic ? 'public' : (roles ?? 'undeclared') });
        }
      }
    }
  }
  return routes;
}

const routeId = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
const concretePath = (template: string) => template.replace(/:[A-Za-z0-9_]+/g, () => randomUUID());

function entryHint(route: DeclaredRoute): string {
  const roles = route.roles === 'public' ? `'public'` : route.roles === 'undeclared' ? `[/* the route has no @Auth/@Public */]` : `[${route.roles.map((r) => `'${r}'`).join(', ')}]`;
  return `  { method: '${route.method}', path: '${route.path}', roles: ${roles}, setup: async (ctx) => ({ ... }) },`;
}

/** `describeRouteAccess({ name, module, schema }, table)` in services/<svc>/test/route-access.spec.ts. */
export function describeRouteAccess(serviceUnderTest: ServiceUnderTest, table: readonly RouteAccessEntry[]): void {
  describe(`${serviceUnderTest.name}: route access`, () => {
    let service: RunningService;
    let ctx: RouteAccessContext;
    const roleKeys = new Map<Role, TestApiKey>();
    const keyOf = async (role: Role): Promise<TestApiKey> => {
      const cached = roleKeys.get(role);
      if (cached) return cached;
      const key = await ctx.key(role);
      roleKeys.set(role, key);
      return key;
    };

    beforeAll(async () => {
      service = await startServiceInProcess(serviceUnderTest);
      const dataSource = service.app.get(DataSourceClass);
      ctx = {
        dataSource,
        service,
        key: (role, tenant = {}) => issueTestApiKey(dataSource, { role, ...tenant }),
        organisation: (opts) => createTestOrganisation(dataSource, opts),
        startup: () => createTestStartup(dataSource),
        call: (method, path, opts = {}) =>
          fetch(`${service.url}${path}`, {
            method,
            headers: {
              ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
              ...(opts.key ? { authorization: `Bearer ${opts.key.key}` } : {}),
              ...opts.headers,
            },
            body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
          }),
      };
    });
    afterAll(async () => {
      await service?.close();
    });

    const isRegistered = (e: RouteAccessEntry) => service.routes.some((r) => routeId(r) === routeId(e));

    it('has an entry for every registered route', () => {
      const registered = service.routes.filter((r) => r.path.startsWith(`/${API_PREFIX}/`));
      const declared = new Map(declaredRoutes(service).map((r) => [routeId(r), r]));
      const inTable = new Set(table.map(routeId));
      const missing = registered.filter((r) => !inTable.has(routeId(r)));
      const hints = missing.map((r) => entryHint(declared.get(routeId(r)) ?? { ...r, roles: 'undeclared' }));
      // Each string is the entry to add to services/<service>/test/route-access.table.ts.
      expect(hints).toEqual([]);
      expect(table.map(routeId).filter((id, i, all) => all.indexOf(id) !== i)).toEqual([]);
      const unregistered = table.filter((e) => !isRegistered(e)).map(routeId);
      if (unregistered.length > 0) console.warn(`${serviceUnderTest.name}: table entries without a registered route (not checked): ${unregistered.join(', ')}`);
    });

    it('declares on every route exactly the access its table entry says', () => {
      const declared = new Map(declaredRoutes(service).map((r) => [routeId(r), r.roles]));
      const differences = table
        .map((e) => ({ route: routeId(e), table: e.roles === 'public' ? 'public' : [...e.roles].sort().join(','), code: declared.get(routeId(e)) }))
        .map((d) => ({ ...d, code: d.code === undefined ? undefined : Array.isArray(d.code) ? [...d.code].sort().join(',') : d.code }))
        .filter((d) => d.code !== undefined && d.code !== d.table);
      expect(differences).toEqual([]);
    });

    for (const entry of table) {
      it(`${routeId(entry)}: ${entry.roles === 'public' ? 'open without a key' : `401 without a key, 403 for other roles, open to ${entry.roles.join(', ')}`}`, async () => {
        if (!isRegistered(entry)) return; // reported by the first test
        const dummyPath = concretePath(entry.path);
        const problems: string[] = [];
        const expectStatus = async (what: string, res: Response, ok: (status: number) => boolean, expected: string) => {
          if (!ok(res.status)) problems.push(`${what}: expected ${expected}, got ${res.status} ${(await res.text()).slice(0, 300)}`);
          else await res.arrayBuffer();
        };

        if (entry.roles === 'public') {
          await expectStatus('no key', await ctx.call(entry.method, dummyPath, { body: entry.method === 'GET' ? undefined : {} }), (s) => s !== 401 && s !== 403, 'not 401/403');
        } else {
          const allowed = entry.roles;
          const res = await ctx.call(entry.method, dummyPath, { body: entry.method === 'GET' ? undefined : {} });
          await expectStatus('no key', res, (s) => s === 401, '401');
          if (res.status === 401 && !res.headers.get('www-authenticate')?.startsWith('Bearer')) problems.push('no key: 401 without WWW-Authenticate: Bearer');
          for (const role of ROLES) {
            const key = await keyOf(role);
            const r = await ctx.call(entry.method, dummyPath, { key, body: entry.method === 'GET' ? undefined : {} });
            if (allowed.includes(role)) await expectStatus(`allowed role ${role}`, r, (s) => s !== 401 && s !== 403, 'not 401/403');
            else await expectStatus(`role ${role}`, r, (s) => s === 403, '403');
          }
        }

        if (entry.setup) {
          const c = await entry.setup(ctx);
          const path = c.path ?? entry.path;
          if (entry.roles !== 'public') {
            if (!c.as) problems.push('setup must return `as`: the caller who succeeds');
            if (c.otherTenant === undefined) problems.push('setup must return `otherTenant` (a caller of another tenant, or null when the route has no tenant object)');
            if (c.otherTenant) {
              const r = await ctx.call(entry.method, path, { key: c.otherTenant, body: c.body, headers: c.headers });
              await expectStatus('another tenant', r, (s) => s === 404, '404');
            }
          }
          const r = await ctx.call(entry.method, path, { key: c.as, body: c.body, headers: c.headers });
          await expectStatus('owner', r, (s) => (c.expectStatus ? s === c.expectStatus : s >= 200 && s < 300), String(c.expectStatus ?? '2xx'));
        }
        expect(problems).toEqual([]);
      });

      if (entry.hostile) {
        it(`${routeId(entry)}: refuses hostile callers and writes nothing`, async () => {
          const cases = await entry.hostile!(ctx);
          expect(cases.length).toBeGreaterThan(0);
          const problems: string[] = [];
          for (const c of cases) {
            const before = await c.unchanged();
            const res = await ctx.call(entry.method, c.path ?? entry.path, { key: c.as, body: c.body, headers: c.headers });
            const text = await res.text();
            const expected = [c.expectStatus].flat();
            const label = `${c.kind}: ${c.what}`;
            if (!expected.includes(res.status)) problems.push(`${label}: expected ${expected.join(' or ')}, got ${res.status} ${text.slice(0, 300)}`);
            else if (!res.headers.get('content-type')?.startsWith('application/problem+json')) problems.push(`${label}: ${res.status} is not problem+json`);
            else if (c.field && !problemNamesField(text, c.field)) problems.push(`${label}: the problem does not name the field ${c.field}: ${text.slice(0, 300)}`);
            const after = await c.unchanged();
            if (JSON.stringify(after) !== JSON.stringify(before)) problems.push(`${label}: changed ${JSON.stringify(before)} to ${JSON.stringify(after)}`);
          }
          expect(problems).toEqual([]);
        });
      }
    }
  });
}

/** Whether a problem+json body names `field` in its `errors` (or, without a list, in its detail). */
function problemNamesField(text: string, field: string): boolean {
  try {
    const problem = JSON.parse(text) as { errors?: Array<{ field?: string }>; detail?: string };
    if (Array.isArray(problem.errors)) return problem.errors.some((e) => e.field === field);
    return typeof problem.detail === 'string' && problem.detail.includes(field);
  } catch {
    return false;
  }
}
