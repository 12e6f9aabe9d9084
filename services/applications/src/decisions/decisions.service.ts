import { Injectable } from '@nestjs/common';
import type { ApplicationState, Programme } from '@exchange/data';
import { OutboxWriter } from '@exchange/messaging';
import type { AuthenticatedPrincipal, Language } from '@exchange/platform';
import { DataSource } from 'typeorm';
import type { ApplicationAction } from '../applications/application-state';
import { ApplicationLifecycle } from '../applications/application-lifecycle';
import { applicationView } from '../applications/application-views';
import { ApplicationsRepository } from '../applications/applications.repository';
import type { ApplicationResponse } from '../applications/dto/application.dto';
import { Clock } from '@exchange/platform';
import { isProgrammeInsider, programmeRef, requireManager } from '../programmes/programme-views';
import { ProgrammesRepository } from '../programmes/programmes.repository';
import { startupSummary } from '../startups/startup-views';
import { DecisionError, DecisionErrorCode } from './decisions.errors';
import { DecisionsRepository } from './decisions.repository';
import type { DecideDto, DecisionOutcome, RankingQuery, RankingResponse } from './dto/decision.dto';

const ACTION: Record<DecisionOutcome, ApplicationAction> = { accept: 'accept', reject: 'reject', waitlist: 'waitlist' };
const RANKED_STATES: ApplicationState[] = ['submitted', 'under_review', 'accepted', 'rejected', 'waitlisted'];

@Injectable()
export class DecisionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly applications: ApplicationsRepository,
    private readonly programmes: ProgrammesRepository,
    private readonly repository: DecisionsRepository,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  /**
   * Accept, reject or waitlist. The version guard makes concurrent decisions safe: of two managers
   * deciding on the same version, one wins and the other gets 409 with the state it lost to.
   */
  async decide(principal: AuthenticatedPrincipal, applicationId: string, dto: DecideDto, language: Language): Promise<ApplicationResponse> {
    return this.dataSource.transaction(async (tx) => {
      // One query for what a decision reads: the application, its programme (who may decide) and the
      // startup (the accepted event's summary).
      const context = await this.applications.withProgrammeAndStartup(tx, applicationId);
      const notFound = () => new DecisionError(DecisionErrorCode.ApplicationNotFound, `Application ${applicationId} not found`);
      if (!context) throw notFound();
      const { application, startup } = context;
      const programme = requireManager(principal, context.programme, {
        notFound,
        notOrganiser: () => new DecisionError(DecisionErrorCode.NotOrganiser, 'Only programme managers of the organising organisation decide its applications'),
      });
      const now = this.clock.now();
      const decided = await this.lifecycle.transition(tx, application, ACTION[dto.outcome], {
        actorPrincipalId: principal.principalId,
        reason: dto.reason,
        expectedVersion: dto.version,
        set: { decided_at: now, decided_by: principal.principalId, decision_reason: dto.reason },
      });
      const base = {
        applicationId: decided.id,
        startupId: decided.startupId,
        programme: programmeRef(programme),
        reason: dto.reason,
        score: decided.score,
        decidedBy: principal.principalId,
        decidedAt: now.toISOString(),
      };
      if (dto.outcome === 'accept') {
        await this.outbox.add(tx, { type: 'application.accepted', data: { ...base, startup: startupSummary(startup), fastTrack: decided.fastTrack } });
      } else {
        await this.outbox.add(tx, { type: dto.outcome === 'reject' ? 'application.rejected' : 'application.waitlisted', data: base });
      }
      return applicationView(decided, true, language);
    });
  }

  async ranking(principal: AuthenticatedPrincipal, programmeId: string, query: RankingQuery): Promise<RankingResponse> {
    const programme = await this.readableProgramme(principal, programmeId);
    const rows = await this.repository.ranking(programme.id, query.state ? [query.state] : RANKED_STATES, query.limit ?? 1000);
    return {
      programmeId: programme.id,
      normalisation: programme.normalisation,
      items: rows.map(({ application: a, startup: s }, i) => ({
        rank: i + 1,
        applicationId: a.id,
        startupId: a.startupId,
        startupName: s.name,
        startupNameLatin: s.nameLatin,
        country: s.country,
        state: a.state,
        score: a.score,
        rawScore: rawMeanOf(a.scoreDetails),
        reviewsCompleted: a.reviewsCompleted,
        reviewsRequired: programme.reviewsRequired,
        fastTrack: a.fastTrack,
        version: a.version,
      })),
    };
  }

  /** The ranking as CSV (RFC 4180, UTF-8 with BOM so spreadsheet programs read Hangul and Cyrillic). */
  async rankingCsv(principal: AuthenticatedPrincipal, programmeId: string, query: RankingQuery): Promise<string> {
    const { items } = await this.ranking(principal, programmeId, query);
    const header = ['rank', 'application_id', 'startup_id', 'startup_name', 'startup_name_latin', 'country', 'state', 'score', 'raw_score', 'reviews_completed', 'reviews_required', 'fast_track'];
    const lines = items.map((r) =>
      [r.rank, r.applicationId, r.startupId, r.startupName, r.startupNameLatin, r.country, r.state, r.score ?? '', r.rawScore ?? '', r.reviewsCompleted, r.reviewsRequired, r.fastTrack]
        .map(csvField)
        .join(','),
    );
    return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
  }

  /** The ranking is read by the programme's insiders (the organiser and its partners; the route admits their managers and liaisons). */
  private async readableProgramme(principal: AuthenticatedPrincipal, id: string): Promise<Programme> {
    const programme = await this.programmes.findById(id);
    if (!programme || !isProgrammeInsider(principal, programme)) {
      throw new DecisionError(DecisionErrorCode.ProgrammeNotFound, `Programme ${id} not found`);
    }
    return programme;
  }
}

/** The mean of the weighted scores before normalisation, as the score keeper stored it. */
function rawMeanOf(details: Record<string, unknown> | null): number | null {
  return typeof details?.rawMean === 'number' ? details.rawMean : null;
}

/** Quotes a CSV field when needed; a leading =, +, - or @ is prefixed so spreadsheets do not run it as a formula. */
export function csvField(value: string | number | boolean): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
