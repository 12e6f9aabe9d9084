import type { AnyEventEnvelope } from '@exchange/contracts';
import { WrittenExchangeFacts } from '../src/agreements/written-exchange-facts';
import { ApplicationsConsumerGroup } from '../src/consumers/consumer-group';
import { randomUUID } from 'node:crypto';
import type { RunningService } from '@exchange/platform';
import { bearer, createTestOrganisation, issueTestApiKey, startServiceInProcess, withProviders, type TestApiKey } from '@exchange/platform/testing';
import type { Provider } from '@nestjs/common';
import type { Role } from '@exchange/data';
import { DataSource, type EntityManager } from 'typeorm';
import { AppModule } from '../src/app.module';
import { applicationsConfigSchema, SERVICE_NAME } from '../src/config';

export interface Api {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  text: string;
  headers: Headers;
}

/**
 * The applications service in this process, with a small JSON client. A test that feeds the consumer
 * topics of its own (a `CONSUMED_TOPICS` provider) also gives a name of its own: the consumer group is
 * named after the service.
 */
export async function startApplications(env: Record<string, string> = {}, name: string = SERVICE_NAME, providers: Provider[] = []) {
  const module = providers.length > 0 ? withProviders(AppModule, providers) : AppModule;
  const running: RunningService = await startServiceInProcess({ name, module, schema: applicationsConfigSchema }, { REVIEW_OVERDUE_SWEEP_MS: '0', ...env });
  const dataSource = running.app.get(DataSource);
  async function call(method: string, path: string, key?: TestApiKey | { key: string } | null, body?: unknown): Promise<Api> {
    const res = await fetch(`${running.url}/v1${path}`, {
      method,
      headers: { ...(key ? bearer(key) : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    return { status: res.status, body: parsed, text, headers: res.headers };
  }
  const key = (role: Role, opts: { organisationId?: string; startupId?: string } = {}) => issueTestApiKey(dataSource, { role, ...opts });
  const organisation = (kind: 'organising_agency' | 'partner_agency' = 'organising_agency', country = 'RU') => createTestOrganisation(dataSource, { kind, country });
  return { running, dataSource, call, key, organisation, close: () => running.close() };
}

export type Service = Awaited<ReturnType<typeof startApplications>>;

export function registrationBody(over: Record<string, unknown> = {}) {
  return {
    name: `메디봇 ${randomUUID().slice(0, 6)}`,
    nameLatin: `Medibot ${randomUUID().slice(0, 6)}`,
    country: 'KR',
    registrationNumber: `110-${randomUUID().slice(0, 8)}`,
    technologyFields: ['medtech', 'ai'],
    trl: 6,
    team: [{ name: '김민준', nameLatin: 'Kim Minjun', role: 'CEO', email: 'minjun@medibot.example' }],
    contact: { name: 'Kim Minjun', email: `contact-${randomUUID().slice(0, 6)}@medibot.example`, phone: '+82-2-555-0101' },
    languages: ['ko', 'en'],
    foundedOn: '2022-03-01',
    ...over,
  };
}

/** A published programme whose window is open now (unless overridden). */
export function programmeBody(over: Record<string, unknown> = {}) {
  const day = 86_400_000;
  return {
    name: `Seoul–Moscow pilots ${randomUUID().slice(0, 6)}`,
    kind: 'pilot',
    hostCountry: 'RU',
    hostCity: 'Moscow',
    timeZone: 'Europe/Moscow',
    opensAt: new Date(Date.now() - day).toISOString(),
    closesAt: new Date(Date.now() + 30 * day).toISOString(),
    capacity: 10,
    eligibility: { countries: ['KR', 'RU'], technologyFields: ['medtech', 'mobility'], minTrl: 4, maxTrl: 8 },
    rubric: {
      criteria: [
        { key: 'innovation', label: 'Innovation', weight: 2 },
        { key: 'market', label: 'Market', weight: 1 },
        { key: 'team', label: 'Team', weight: 1 },
      ],
      scaleMin: 1,
      scaleMax: 10,
    },
    reviewsRequired: 3,
    ...over,
  };
}

export async function createPublishedProgramme(svc: Service, manager: TestApiKey, over: Record<string, unknown> = {}) {
  const created = await svc.call('POST', '/programmes', manager, programmeBody(over));
  if (created.status !== 201) throw new Error(`programme: ${created.status} ${created.text}`);
  const published = await svc.call('POST', `/programmes/${created.body.id}/publish`, manager);
  if (published.status !== 200) throw new Error(`publish: ${published.status} ${published.text}`);
  return published.body as { id: string; version: number };
}

export async function registerStartup(svc: Service, over: Record<string, unknown> = {}) {
  const res = await svc.call('POST', '/startups', null, registrationBody(over));
  if (res.status !== 201) throw new Error(`register: ${res.status} ${res.text}`);
  return { id: res.body.startup.id as string, key: { key: res.body.apiKey as string }, startup: res.body.startup };
}

/** Draft + submit; returns the application. */
export async function apply(svc: Service, startup: { key: { key: string } }, programmeId: string) {
  const draft = await svc.call('POST', '/applications', startup.key, { programmeId, answers: { pitch: 'Faster triage' } });
  if (draft.status !== 201) throw new Error(`draft: ${draft.status} ${draft.text}`);
  const submitted = await svc.call('POST', `/applications/${draft.body.id}/submit`, startup.key);
  if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${submitted.text}`);
  return submitted.body as { id: string; version: number; state: string };
}

export async function outboxEvents(dataSource: DataSource, applicationOrStartupId: string): Promise<{ type: string; payload: Record<string, unknown> }[]> {
  return dataSource.query(
    `SELECT type, payload FROM applications.outbox WHERE payload->>'applicationId' = $1 OR key = $1 ORDER BY seq`,
    [applicationOrStartupId],
  );
}

/**
 * Events as the service applies them, in one transaction: another service's through the consumer
 * group's handler (as the EventConsumer applies a batch), its own through the handler that runs in
 * the transaction writing it (WrittenExchangeFacts). No Kafka needed.
 */
export async function applyEvents(svc: Service, ...events: AnyEventEnvelope[]): Promise<void> {
  const consumed = svc.running.app.get(ApplicationsConsumerGroup).handlers;
  const written = svc.running.app.get(WrittenExchangeFacts).handlers;
  await svc.dataSource.transaction(async (tx) => {
    for (const event of events) {
      const handler = (consumed[event.type] ?? written[event.type]) as ((event: AnyEventEnvelope, tx: EntityManager) => Promise<void>) | undefined;
      if (!handler) throw new Error(`the applications service does nothing with ${event.type}`);
      await handler(event, tx);
    }
  });
}
