import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { findProjectedProgrammes, PilotSite, projectedProgrammeRef, type OpenCall, type OpenCallAnswerState } from '@exchange/data';
import type { ProgrammeRef } from '@exchange/contracts';
import { OutboxWriter } from '@exchange/messaging';
import { Clock, CREATED_AT_ID, decodeCursor, pageOf, SystemClock, type AuthenticatedPrincipal } from '@exchange/platform';
import { MatchingService } from '../matching/matching.service';
import type {
  AnswerOpenCallDto,
  ListOpenCallAnswersQueryDto,
  ListOpenCallsQueryDto,
  OpenCallActionDto,
  OpenCallAnswerDto,
  OpenCallAnswerPageDto,
  OpenCallDto,
  OpenCallPageDto,
  PublishOpenCallDto,
} from './dto/open-call.dto';
import { openCallSearchText, searchNormalised } from './open-call-search';
import { OpenCallError, OpenCallErrorCode } from './open-calls.errors';
import { OpenCallsRepository, RANK_ID, toAnswerDto, toOpenCallDto, type OpenCallSearch } from './open-calls.repository';

const DAY_MS = 86_400_000;

/** Which answer states a host may move an answer to, from each state. */
const NEXT_ANSWER_STATES: Record<OpenCallAnswerState, readonly OpenCallAnswerState[]> = {
  submitted: ['shortlisted', 'declined'],
  shortlisted: ['declined'],
  declined: [],
};

/**
 * Hosts publish a need of one of their sites as an open call; anyone finds it; startups answer it
 * once; the host shortlists or declines the answers. Every change writes its event in the same
 * transaction; an answer also re-matches the startup with the site (a strong reason to propose it).
 */
@Injectable()
export class OpenCallsService {
  private readonly clock: Clock;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: OpenCallsRepository,
    private readonly matching: MatchingService,
    private readonly outbox: OutboxWriter,
    // The system clock unless a test provides another (deadlines reached by moving it, not by sleeping).
    @Optional() @Inject(Clock) clock: Clock | null,
  ) {
    this.clock = clock ?? new SystemClock();
  }

  async publish(principal: AuthenticatedPrincipal, dto: PublishOpenCallDto): Promise<OpenCallDto> {
    const now = this.clock.now();
    this.checkDates(dto, now);
    return this.dataSource.transaction(async (tx) => {
      // Shared lock: the site cannot be paused or change programmes while its call is published.
      const site = await tx.getRepository(PilotSite).createQueryBuilder('s').where('s.id = :id', { id: dto.siteId }).setLock('pessimistic_read').getOne();
      if (!site || principal.organisationId === null || site.hostOrganisationId !== principal.organisationId) {
        throw new OpenCallError(OpenCallErrorCode.UnknownSite, `Site ${dto.siteId} is not one of your pilot sites`, {
          siteId: dto.siteId,
          errors: [{ field: 'siteId', message: `${dto.siteId} is not one of your pilot sites` }],
        });
      }
      if (site.state !== 'active') {
        throw new OpenCallError(OpenCallErrorCode.SiteNotActive, `The site is ${site.state}: only an active site publishes open calls`, { siteState: site.state });
      }
      const programme = await this.programmeOf(tx, site, dto.programmeId);
      const call = {
        siteId: site.id,
        hostOrganisationId: site.hostOrganisationId,
        programmeId: programme?.id ?? null,
        title: dto.title,
        problem: dto.problem,
        technologyFields: [...new Set(dto.technologyFields)],
        languages: [...new Set(dto.languages ?? site.languages)],
        city: dto.city ?? site.city,
        country: site.country,
        windowStartsOn: dto.windowStartsOn,
        windowEndsOn: dto.windowEndsOn,
        pilotsSought: dto.pilotsSought,
        answerDeadline: new Date(dto.answerDeadline).toISOString(),
        publishedAt: now,
        publishedBy: principal.principalId,
      };
      const inserted = await this.repository.insert(tx, { ...call, searchText: openCallSearchText(call) });
      await this.outbox.add(tx, {
        type: 'open_call.published',
        data: {
          ...this.eventBase(inserted, programme),
          title: inserted.title,
          technologyFields: inserted.technologyFields,
          languages: inserted.languages,
          city: inserted.city,
          country: inserted.country,
          windowStartsOn: inserted.windowStartsOn,
          windowEndsOn: inserted.windowEndsOn,
          pilotsSought: inserted.pilotsSought,
          answerDeadline: inserted.answerDeadline.toISOString(),
          publishedAt: inserted.publishedAt.toISOString(),
        },
      });
      return toOpenCallDto({ call: inserted, siteName: site.name });
    });
  }

  async get(id: string): Promise<OpenCallDto> {
    const view = await this.repository.findView(this.dataSource.manager, id);
    if (!view) throw new OpenCallError(OpenCallErrorCode.NotFound, `Open call ${id} not found`);
    return toOpenCallDto(view);
  }

  /**
   * The open calls anyone may answer now. Without `q`, newest first (cursor: created_at, id); with
   * it, best match first (cursor: relevance, id — the relevance of a call to the same query does not
   * change between pages, so the keyset holds; a cursor of one order is refused by the other).
   */
  async search(query: ListOpenCallsQueryDto): Promise<OpenCallPageDto> {
    const limit = query.limit ?? 20;
    const q = query.q === undefined ? '' : searchNormalised(query.q);
    const search: OpenCallSearch = q === '' ? { kind: 'newest', cursor: decodeCursor(CREATED_AT_ID, query.cursor) } : { kind: 'ranked', query: q, cursor: decodeCursor(RANK_ID, query.cursor) };
    const rows = await this.dataSource.transaction((tx) =>
      this.repository.search(tx, { now: this.clock.now(), field: query.field, city: query.city, search, limit }),
    );
    return search.kind === 'newest'
      ? (pageOf(CREATED_AT_ID, rows, limit, (row) => [row.cursorAt, row.call.id], toOpenCallDto) as OpenCallPageDto)
      : (pageOf(RANK_ID, rows, limit, (row) => [row.rank!, row.call.id], toOpenCallDto) as OpenCallPageDto);
  }

  async close(principal: AuthenticatedPrincipal, id: string, dto: OpenCallActionDto): Promise<OpenCallDto> {
    return this.dataSource.transaction(async (tx) => {
      const call = await this.repository.findOfHost(tx, id, hostOrganisationOf(principal, id), true);
      if (!call) throw new OpenCallError(OpenCallErrorCode.NotFound, `Open call ${id} not found`);
      if (call.state !== 'open') throw this.notOpen(call);
      if (dto.version !== undefined && dto.version !== call.version) {
        throw new OpenCallError(OpenCallErrorCode.StaleVersion, `The open call changed since version ${dto.version}`, {
          yourVersion: dto.version,
          currentVersion: call.version,
        });
      }
      const closed = await this.closeWithEvent(tx, call, 'host', this.clock.now());
      const view = await this.repository.findView(tx, closed.id);
      return toOpenCallDto(view!);
    });
  }

  /**
   * Closes a call and writes `open_call.closed` in the caller's transaction (the call is locked).
   * The programme ref comes from the projection, as every pilot event's does.
   */
  async closeWithEvent(tx: EntityManager, call: OpenCall, reason: 'host' | 'deadline', at: Date, programmes?: Map<string, ProgrammeRef>): Promise<OpenCall> {
    const closed = await this.repository.close(tx, call.id, reason, at);
    const programme = call.programmeId ? (programmes?.get(call.programmeId) ?? (await projectedProgrammeRef(tx, 'pilots', call.programmeId))) : undefined;
    await this.outbox.add(tx, {
      type: 'open_call.closed',
      data: { ...this.eventBase(closed, programme), reason, answers: await this.repository.countAnswers(tx, call.id), closedAt: at.toISOString() },
    });
    return closed;
  }

  async answer(principal: AuthenticatedPrincipal, id: string, dto: AnswerOpenCallDto): Promise<OpenCallAnswerDto> {
    const startupId = principal.startupId!;
    const now = this.clock.now();
    return this.dataSource.transaction(async (tx) => {
      const call = await this.repository.findToAnswer(tx, id);
      if (!call) throw new OpenCallError(OpenCallErrorCode.NotFound, `Open call ${id} not found`);
      if (call.state !== 'open' || call.answerDeadline.getTime() <= now.getTime()) throw this.notOpen(call);
      const answer = await this.repository.insertAnswer(tx, { openCallId: id, startupId, proposal: dto.proposal, answeredBy: principal.principalId, answeredAt: now });
      if (!answer) {
        const earlier = await this.repository.answerOf(tx, id, startupId);
        throw new OpenCallError(OpenCallErrorCode.AlreadyAnswered, 'You already answered this open call', { answerId: earlier?.id });
      }
      const programme = call.programmeId ? await projectedProgrammeRef(tx, 'pilots', call.programmeId) : undefined;
      await this.outbox.add(tx, {
        type: 'open_call.answered',
        data: { ...this.eventBase(call, programme), answerId: answer.id, startupId, answeredAt: answer.createdAt.toISOString() },
      });
      // The answer is a strong reason to propose this site to the startup (if it is a candidate of
      // one of the site's programmes): proposed now, or an undecided proposal re-scored.
      await this.matching.matchOpenCallAnswer(tx, startupId, call.siteId, now);
      return toAnswerDto({ answer, openCallTitle: call.title });
    });
  }

  /** The answers to one of the host's calls; another host's call is not found. */
  async answersOfCall(principal: AuthenticatedPrincipal, id: string, query: ListOpenCallAnswersQueryDto): Promise<OpenCallAnswerPageDto> {
    const limit = query.limit ?? 20;
    const cursor = decodeCursor(CREATED_AT_ID, query.cursor);
    const call = await this.repository.findOfHost(this.dataSource.manager, id, hostOrganisationOf(principal, id));
    if (!call) throw new OpenCallError(OpenCallErrorCode.NotFound, `Open call ${id} not found`);
    const rows = await this.repository.listAnswers(this.dataSource.manager, { openCallId: id, state: query.state, cursor, limit });
    return pageOf(CREATED_AT_ID, rows, limit, (row) => [row.cursorAt, row.answer.id], toAnswerDto) as OpenCallAnswerPageDto;
  }

  /** A startup's own answers, newest first. */
  async answersOfStartup(principal: AuthenticatedPrincipal, query: ListOpenCallAnswersQueryDto): Promise<OpenCallAnswerPageDto> {
    const limit = query.limit ?? 20;
    const cursor = decodeCursor(CREATED_AT_ID, query.cursor);
    const rows = await this.repository.listAnswers(this.dataSource.manager, { startupId: principal.startupId!, state: query.state, cursor, limit });
    return pageOf(CREATED_AT_ID, rows, limit, (row) => [row.cursorAt, row.answer.id], toAnswerDto) as OpenCallAnswerPageDto;
  }

  /** The host shortlists or declines an answer to one of its calls (declining a shortlisted one too). */
  async decideAnswer(principal: AuthenticatedPrincipal, answerId: string, next: 'shortlisted' | 'declined', dto: OpenCallActionDto): Promise<OpenCallAnswerDto> {
    return this.dataSource.transaction(async (tx) => {
      const view = principal.organisationId ? await this.repository.findAnswerOfHost(tx, answerId, principal.organisationId) : null;
      if (!view) throw new OpenCallError(OpenCallErrorCode.AnswerNotFound, `Answer ${answerId} not found`);
      const { answer } = view;
      if (!NEXT_ANSWER_STATES[answer.state].includes(next)) {
        throw new OpenCallError(OpenCallErrorCode.AnswerAlreadyDecided, `The answer is already ${answer.state}`, { currentState: answer.state });
      }
      if (dto.version !== undefined && dto.version !== answer.version) {
        throw new OpenCallError(OpenCallErrorCode.StaleVersion, `The answer changed since version ${dto.version}`, {
          yourVersion: dto.version,
          currentVersion: answer.version,
          currentState: answer.state,
        });
      }
      const decided = await this.repository.decideAnswer(tx, answerId, next, principal.principalId, this.clock.now());
      return toAnswerDto({ answer: decided, openCallTitle: view.openCallTitle });
    });
  }

  private checkDates(dto: PublishOpenCallDto, now: Date): void {
    if (dto.windowEndsOn < dto.windowStartsOn) {
      throw new OpenCallError(OpenCallErrorCode.WindowEndsBeforeStart, `The pilot window ends (${dto.windowEndsOn}) before it starts (${dto.windowStartsOn})`, {
        windowStartsOn: dto.windowStartsOn,
        windowEndsOn: dto.windowEndsOn,
        errors: [{ field: 'windowEndsOn', message: 'windowEndsOn must not be before windowStartsOn' }],
      });
    }
    const deadline = new Date(dto.answerDeadline);
    if (deadline.getTime() <= now.getTime()) {
      throw new OpenCallError(OpenCallErrorCode.DeadlinePassed, `The answer deadline ${deadline.toISOString()} has already passed`, {
        answerDeadline: deadline.toISOString(),
        errors: [{ field: 'answerDeadline', message: 'answerDeadline must be in the future' }],
      });
    }
    // Answers are for pilots that can still run: the deadline falls before the window's last day ends (UTC).
    if (deadline.getTime() > Date.parse(`${dto.windowEndsOn}T00:00:00Z`) + DAY_MS) {
      throw new OpenCallError(OpenCallErrorCode.DeadlineAfterWindow, `The answer deadline ${deadline.toISOString()} is after the pilot window ends`, {
        answerDeadline: deadline.toISOString(),
        windowEndsOn: dto.windowEndsOn,
        errors: [{ field: 'answerDeadline', message: 'answerDeadline must not be after the pilot window ends' }],
      });
    }
  }

  /**
   * The programme the call is published in: the one named (it must be one of the site's, known to
   * this service as a pilot programme), else the site's only programme, else none.
   */
  private async programmeOf(tx: EntityManager, site: PilotSite, requested: string | undefined): Promise<ProgrammeRef | undefined> {
    if (requested === undefined) {
      if (site.programmeIds.length === 0) return undefined;
      if (site.programmeIds.length > 1) {
        throw new OpenCallError(OpenCallErrorCode.ProgrammeRequired, `The site takes part in ${site.programmeIds.length} programmes: name the call's programme`, {
          programmes: site.programmeIds.length,
          errors: [{ field: 'programmeId', message: 'programmeId is required: the site takes part in several programmes' }],
        });
      }
    }
    const id = requested ?? site.programmeIds[0];
    const [known] = site.programmeIds.includes(id) ? await findProjectedProgrammes(tx, 'pilots', [id]) : [];
    if (!known || known.kind !== 'pilot') {
      throw new OpenCallError(OpenCallErrorCode.ProgrammeNotOfSite, `The site does not take part in programme ${id}`, {
        programmeId: id,
        errors: [{ field: 'programmeId', message: `${id} is not a pilot programme of the site` }],
      });
    }
    return { id: known.id, kind: known.kind, organiserOrgId: known.organiserOrgId, partnerOrgIds: known.partnerOrgIds };
  }

  private eventBase(call: OpenCall, programme: ProgrammeRef | undefined) {
    return { openCallId: call.id, siteId: call.siteId, hostOrgId: call.hostOrganisationId, ...(programme ? { programme } : {}) };
  }

  private notOpen(call: OpenCall): OpenCallError {
    const currentState = call.state === 'open' ? 'closed' : call.state;
    return new OpenCallError(OpenCallErrorCode.NotOpen, 'The open call no longer takes answers', { currentState, answerDeadline: call.answerDeadline.toISOString() });
  }
}

/** The host's organisation; a host without one (never issued) sees no call at all. */
function hostOrganisationOf(principal: AuthenticatedPrincipal, openCallId: string): string {
  if (!principal.organisationId) throw new OpenCallError(OpenCallErrorCode.NotFound, `Open call ${openCallId} not found`);
  return principal.organisationId;
}
