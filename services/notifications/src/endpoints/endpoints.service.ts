import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CREATED_AT_ID, decodeCursor, getLogger, pageOf, SERVICE_CONFIG, type AuthenticatedPrincipal } from '@exchange/platform';
import type { NotificationsConfig } from '../config';
import { patternProblem } from '../webhook-sending/event-type-patterns';
import { PostCommitDispatch } from '../webhook-sending/post-commit-dispatch';
import { EndpointSecrets, type OpenSecrets, type StoredSecretColumns } from '../signing/endpoint-secrets';
import { SecretBoxError } from '../signing/secret-box';
import { generateWebhookSecret } from '../signing/webhook-signature';
import { checkWebhookUrl, UnsafeWebhookUrl, type NetworkPolicy, type Resolver } from '../url-safety/webhook-url';
import type {
  CreatedEndpointDto,
  CreateEndpointDto,
  EndpointDto,
  EndpointPageDto,
  ReplayDto,
  ReplayResultDto,
  RotatedSecretDto,
  TestEventResultDto,
  UpdateEndpointDto,
} from './dto/endpoint.dto';
import { endpointView } from './endpoint-views';
import { ENDPOINT_ACTIONS, type EndpointAction, EndpointError, EndpointErrorCode } from './endpoints.errors';
import type { WebhookEndpoint } from '@exchange/data';
import { EndpointsRepository, type EndpointChanges } from './endpoints.repository';
import { MailMessagesRepository } from '../mail/mail-messages.repository';
import { rotationReminderDue, type RotationEnding } from '../mail/mail-plans';

const DEFAULT_OVERLAP_SECONDS = 86_400;
const ROTATION_ENDING = 'webhook.rotation_ending';
const DAY_MS = 86_400_000;

/**
 * The rules of webhook endpoints: safe URLs, known event types, secrets shown once and sealed at
 * rest, rotation with an overlap, pause/resume/delete, test events and replays, a cap on endpoints
 * per organisation and on the span of one replay. Every endpoint belongs to one organisation;
 * another organisation's endpoint does not exist for the caller (404).
 */
@Injectable()
export class EndpointsService {
  private readonly logger = getLogger({ component: 'webhook-endpoints' });
  private readonly policy: NetworkPolicy;
  private readonly maxEndpoints: number;
  private readonly maxReplayDays: number;
  /** Overridable in tests (a resolver answering fixed addresses). */
  resolver: Resolver | undefined;

  constructor(
    @Inject(SERVICE_CONFIG) config: NotificationsConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly repository: EndpointsRepository,
    private readonly dispatch: PostCommitDispatch,
    private readonly secrets: EndpointSecrets,
    private readonly mail: MailMessagesRepository,
  ) {
    this.policy = { allowHttp: config.WEBHOOK_ALLOW_HTTP, allowPrivateNetworks: config.WEBHOOK_ALLOW_PRIVATE_NETWORKS };
    this.maxEndpoints = config.WEBHOOK_MAX_ENDPOINTS_PER_ORGANISATION;
    this.maxReplayDays = config.WEBHOOK_MAX_REPLAY_DAYS;
  }

  async create(principal: AuthenticatedPrincipal, body: CreateEndpointDto): Promise<CreatedEndpointDto> {
    const organisationId = this.organisation(principal);
    const url = await this.safeUrl(body.url);
    const eventTypes = this.checkEventTypes(body.eventTypes);
    const id = randomUUID();
    const secret = generateWebhookSecret();
    const row = await this.dataSource.transaction(async (tx) => {
      await this.repository.lockOrganisation(tx, organisationId);
      const count = await this.repository.countLive(tx, organisationId);
      if (count >= this.maxEndpoints) {
        throw new EndpointError(
          EndpointErrorCode.LimitReached,
          `an organisation may have at most ${this.maxEndpoints} webhook endpoints and this one has ${count}; delete one it no longer uses first`,
          { limit: this.maxEndpoints, count },
        );
      }
      return this.repository.insert(tx, {
        id,
        organisationId,
        url,
        description: body.description ?? null,
        eventTypes,
        sealed: this.secrets.seal(id, secret, null),
        createdBy: principal.principalId,
      });
    });
    return { ...endpointView(row), secret };
  }

  async list(principal: AuthenticatedPrincipal, cursor: string | undefined, limit = 50): Promise<EndpointPageDto> {
    const after = decodeCursor(CREATED_AT_ID, cursor);
    const rows = await this.repository.list(this.dataSource.manager, this.organisation(principal), after, limit + 1);
    return pageOf(CREATED_AT_ID, rows, limit, (row) => [row.cursorAt, row.endpoint.id], (row) => endpointView(row.endpoint));
  }

  async get(principal: AuthenticatedPrincipal, id: string): Promise<EndpointDto> {
    return endpointView(await this.load(this.dataSource.manager, principal, id));
  }

  async update(principal: AuthenticatedPrincipal, id: string, body: UpdateEndpointDto): Promise<EndpointDto> {
    const current = await this.load(this.dataSource.manager, principal, id);
    const changes: EndpointChanges = {};
    if (body.url !== undefined) changes.url = await this.safeUrl(body.url);
    if (body.eventTypes !== undefined) changes.eventTypes = this.checkEventTypes(body.eventTypes);
    if (body.description !== undefined) changes.description = body.description;
    const row = await this.repository.update(this.dataSource.manager, current.id, body.version, changes);
    if (!row) throw this.stale(current);
    return endpointView(row);
  }

  async rotateSecret(principal: AuthenticatedPrincipal, id: string, overlapSeconds = DEFAULT_OVERLAP_SECONDS): Promise<RotatedSecretDto> {
    return this.dataSource.transaction(async (tx) => {
      const current = await this.load(tx, principal, id, true);
      if (current.state === 'disabled') throw this.illegal(current, 'rotate_secret');
      const secret = generateWebhookSecret();
      const expires = overlapSeconds > 0 ? new Date(Date.now() + overlapSeconds * 1_000) : null;
      // The old secret keeps signing during the overlap: sealed again beside the new one, under the active key.
      const previous = expires ? this.open(current.id, await this.repository.storedSecrets(tx, current.id)).current : null;
      if (!(await this.repository.replaceSecrets(tx, current.id, this.secrets.seal(current.id, secret, previous), expires))) throw this.stale(current);
      // The organisation's admins and liaisons hear before the old secret stops signing.
      if (expires) {
        const ending: RotationEnding = { endpointId: current.id, organisationId: current.organisationId, url: current.url, endsAt: expires.toISOString() };
        await this.mail.replaceReminder(tx, ROTATION_ENDING, current.id, rotationReminderDue(new Date(), expires), ending);
      } else {
        await this.mail.cancelReminder(tx, ROTATION_ENDING, current.id);
      }
      const updated = await this.load(tx, principal, id);
      return { secret, previousSecretExpiresAt: expires?.toISOString() ?? null, endpoint: endpointView(updated) };
    });
  }

  async pause(principal: AuthenticatedPrincipal, id: string): Promise<EndpointDto> {
    return this.dataSource.transaction(async (tx) => {
      const current = await this.load(tx, principal, id, true);
      if (current.state !== 'active') throw this.illegal(current, 'pause');
      return endpointView((await this.repository.update(tx, current.id, current.version, { state: 'paused' }))!);
    });
  }

  /** Resumes a paused endpoint, or re-enables a disabled one; its waiting deliveries go out now. */
  async resume(principal: AuthenticatedPrincipal, id: string): Promise<EndpointDto> {
    return this.dataSource.transaction(async (tx) => {
      const current = await this.load(tx, principal, id, true);
      if (current.state === 'active') throw this.illegal(current, 'resume');
      const row = await this.repository.update(tx, current.id, current.version, {
        state: 'active',
        disabledReason: null,
        disabledAt: null,
        failingSince: null,
      });
      await this.dispatch.afterCommit(tx, withEndpoint(await this.repository.duePending(tx, current.id), current.id));
      return endpointView(row!);
    });
  }

  async remove(principal: AuthenticatedPrincipal, id: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const current = await this.load(tx, principal, id, true);
      await this.repository.update(tx, current.id, current.version, { deletedAt: new Date() });
      await this.repository.cancelPending(tx, current.id, 'endpoint deleted');
      await this.mail.cancelReminder(tx, ROTATION_ENDING, current.id);
    });
  }

  /** Sends a `webhook.test` event to this endpoint only (whatever its event types). */
  async sendTest(principal: AuthenticatedPrincipal, id: string): Promise<TestEventResultDto> {
    return this.dataSource.transaction(async (tx) => {
      const endpoint = await this.load(tx, principal, id);
      if (endpoint.state === 'disabled') throw this.illegal(endpoint, 'send_test');
      const eventId = randomUUID();
      const time = await this.repository.insertTestEvent(tx, {
        id: eventId,
        organisationId: endpoint.organisationId,
        data: { endpointId: endpoint.id, message: 'Test event from Startup Exchange', requestedBy: principal.principalId },
      });
      const deliveryId = await this.repository.insertTestDelivery(tx, endpoint.id, eventId, time);
      await this.dispatch.afterCommit(tx, withEndpoint([deliveryId], endpoint.id));
      return { eventId, deliveryId };
    });
  }

  /** Sends the endpoint every event of [from, to) it matches and may see, that it has not received. */
  async replay(principal: AuthenticatedPrincipal, id: string, body: ReplayDto): Promise<ReplayResultDto> {
    const from = new Date(body.from);
    const to = new Date(body.to);
    if (!(from < to)) throw new EndpointError(EndpointErrorCode.InvalidTimeRange, '`from` must be before `to`');
    if (to.getTime() - from.getTime() > this.maxReplayDays * DAY_MS) {
      const message = `must be at most ${this.maxReplayDays} days after from: one replay covers at most ${this.maxReplayDays} days; split longer ranges`;
      throw new EndpointError(EndpointErrorCode.ReplaySpanTooLong, `to ${message}`, {
        maxDays: this.maxReplayDays,
        errors: [{ field: 'to', message }],
      });
    }
    return this.dataSource.transaction(async (tx) => {
      const endpoint = await this.load(tx, principal, id);
      if (endpoint.state === 'disabled') throw this.illegal(endpoint, 'replay');
      const requeued = await this.repository.replayRequeue(tx, endpoint.id, from.toISOString(), to.toISOString(), body.includeSucceeded ?? false);
      const created = await this.repository.replayCreate(tx, endpoint, from.toISOString(), to.toISOString());
      await this.dispatch.afterCommit(tx, withEndpoint([...requeued, ...created], endpoint.id));
      return { created: created.length, requeued: requeued.length };
    });
  }

  private organisation(principal: AuthenticatedPrincipal): string {
    if (!principal.organisationId) {
      throw new EndpointError(EndpointErrorCode.NoOrganisation, 'webhook endpoints belong to an organisation; this key has none');
    }
    return principal.organisationId;
  }

  private async load(db: EntityManager, principal: AuthenticatedPrincipal, id: string, lock = false): Promise<WebhookEndpoint> {
    const row = await this.repository.find(db, this.organisation(principal), id, lock);
    if (!row) throw new EndpointError(EndpointErrorCode.NotFound, `webhook endpoint ${id} not found`);
    return row;
  }

  /** Opens an endpoint's stored secrets; a key this instance lacks is the operator's to fix (503). */
  private open(endpointId: string, stored: StoredSecretColumns): OpenSecrets {
    try {
      return this.secrets.open(endpointId, stored);
    } catch (error) {
      if (!(error instanceof SecretBoxError)) throw error;
      this.logger.error({ endpointId, keyId: error.keyId, err: error }, 'a webhook signing secret cannot be opened with the configured keys');
      throw new EndpointError(EndpointErrorCode.SecretUnavailable, 'the current signing secret of this endpoint cannot be read right now; try again later');
    }
  }

  /** The refusal says why in words, never which address a host name resolved to (no DNS oracle). */
  private async safeUrl(url: string): Promise<string> {
    try {
      return await checkWebhookUrl(url, this.policy, this.resolver);
    } catch (error) {
      if (error instanceof UnsafeWebhookUrl) {
        throw new EndpointError(EndpointErrorCode.UnsafeUrl, `url is not allowed: ${error.reason}`, { errors: [{ field: 'url', message: error.reason }] });
      }
      throw error;
    }
  }

  private checkEventTypes(types: string[]): string[] {
    const problems = types.map(patternProblem).filter((p): p is string => p !== null);
    if (problems.length) throw new EndpointError(EndpointErrorCode.InvalidEventTypes, problems.join('; '), { problems });
    return [...new Set(types)];
  }

  private illegal(row: WebhookEndpoint, action: EndpointAction): EndpointError {
    return new EndpointError(EndpointErrorCode.IllegalTransition, `cannot ${ENDPOINT_ACTIONS[action].en} an endpoint that is ${row.state}`, {
      currentState: row.state,
      version: row.version,
      action,
    });
  }

  private stale(row: WebhookEndpoint): EndpointError {
    return new EndpointError(EndpointErrorCode.StaleVersion, 'the endpoint was changed meanwhile; read it again', {
      currentState: row.state,
      version: row.version,
    });
  }
}

/** Deliveries of one endpoint as queue references (the worker takes the endpoint's slot first). */
function withEndpoint(deliveryIds: readonly string[], endpointId: string): Array<{ deliveryId: string; endpointId: string }> {
  return deliveryIds.map((deliveryId) => ({ deliveryId, endpointId }));
}
