import { Injectable } from '@nestjs/common';
import type { Application, Certification, Programme } from '@exchange/data';
import { OutboxWriter } from '@exchange/messaging';
import { CREATED_AT_ID, decodeCursor, pageOf, unresolvedIdFilters, type AuthenticatedPrincipal, type Language, type Page } from '@exchange/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '@exchange/platform';
import { flagView } from '../certifications/certification-views';
import { CertificationsRepository } from '../certifications/certifications.repository';
import { isProgrammeInsider, mayViewProgramme, programmeRef } from '../programmes/programme-views';
import { ProgrammesRepository } from '../programmes/programmes.repository';
import { ReviewsRepository } from '../reviews/reviews.repository';
import { isUniqueViolation } from '../startups/startups.repository';
import { statusWords } from './application-state';
import { ApplicationLifecycle, illegalTransition } from './application-lifecycle';
import { applicationView, statusChangeView } from './application-views';
import { ApplicationError, ApplicationErrorCode } from './applications.errors';
import { ApplicationsRepository } from './applications.repository';
import type {
  ApplicationResponse,
  CreateApplicationDto,
  ListApplicationsQuery,
  StatusHistoryResponse,
  UpdateApplicationDto,
  WithdrawApplicationDto,
} from './dto/application.dto';
import { evaluateEligibility, renderEligibilityFailures, type CertificationBodyFacts } from './eligibility';

@Injectable()
export class ApplicationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ApplicationsRepository,
    private readonly programmes: ProgrammesRepository,
    private readonly reviews: ReviewsRepository,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    private readonly certifications: CertificationsRepository,
  ) {}

  /** A draft: the startup can fill it in before submitting. One active application per programme. */
  async create(principal: AuthenticatedPrincipal, dto: CreateApplicationDto, language: Language): Promise<ApplicationResponse> {
    const startupId = principal.startupId!;
    const programme = await this.programmes.findById(dto.programmeId);
    if (!programme || !mayViewProgramme(principal, programme)) {
      throw new ApplicationError(ApplicationErrorCode.ProgrammeNotFound, `Programme ${dto.programmeId} not found`);
    }
    try {
      return await this.dataSource.transaction(async (tx) => {
        const application = await this.repository.insert(tx, { programmeId: programme.id, startupId, answers: dto.answers ?? {}, state: 'draft' });
        await this.repository.recordTransition(tx, { applicationId: application.id, fromState: null, toState: 'draft', reason: null, actorPrincipalId: principal.principalId });
        return applicationView(application, false, language);
      });
    } catch (err) {
      if (isUniqueViolation(err, 'applications_active_uq')) {
        throw new ApplicationError(ApplicationErrorCode.AlreadyApplied, 'You already have an application to this programme; withdraw it to start a new one');
      }
      throw err;
    }
  }

  async updateAnswers(principal: AuthenticatedPrincipal, id: string, dto: UpdateApplicationDto, language: Language): Promise<ApplicationResponse> {
    return this.dataSource.transaction(async (tx) => {
      const application = await this.ownOrThrow(principal, id, tx);
      if (application.state !== 'draft') {
        throw new ApplicationError(ApplicationErrorCode.IllegalTransition, `Only a draft can be edited; this application is ${application.state}`, {
          currentState: application.state,
          action: 'edit',
        });
      }
      const version = dto.version ?? application.version;
      if (!(await this.repository.updateDraftAnswers(tx, id, version, dto.answers))) {
        throw new ApplicationError(ApplicationErrorCode.VersionConflict, 'The application changed since you read it: reload it', { currentVersion: application.version });
      }
      return applicationView((await this.repository.findById(id, tx))!, false, language);
    });
  }

  /**
   * Checks the window and every eligibility rule; answers with all failing rules at once, each in
   * the caller's language.
   */
  async submit(principal: AuthenticatedPrincipal, id: string, language: Language): Promise<ApplicationResponse> {
    return this.dataSource.transaction(async (tx) => {
      // Waits for a revocation of one of the startup's certificates in flight, and holds the next one
      // until this submission commits: it then finds this application open and re-checks it.
      await this.certifications.holdStartup(tx, principal.startupId!);
      // Application, programme, startup, certifications and alumni flag: one query in this transaction.
      const context = await this.repository.submissionContext(tx, id);
      if (!context || context.application.startupId !== principal.startupId) throw notFound(id);
      const { application, programme, startup, certifications, alumniOfPartner } = context;
      if (application.state !== 'draft') throw illegalTransition(application, 'submit');
      const now = this.clock.now();
      const bodies = await this.certificationBodies(tx, programme, certifications);
      const outcome = evaluateEligibility(programme, { ...startup, certifications }, now, { alumniOfPartner, bodies });
      if (outcome.failures.length > 0) {
        throw new ApplicationError(
          ApplicationErrorCode.NotEligible,
          `The application cannot be submitted: ${outcome.failures.length} rule${outcome.failures.length === 1 ? '' : 's'} not met`,
          { failures: renderEligibilityFailures(outcome.failures, language) },
        );
      }
      const submitted = await this.lifecycle.transition(tx, application, 'submit', {
        actorPrincipalId: principal.principalId,
        ...(outcome.fastTrack ? { reasonCode: 'alumni_fast_track' as const } : {}),
        set: { submitted_at: now, fast_track: outcome.fastTrack },
      });
      await this.outbox.add(tx, {
        type: 'application.submitted',
        data: { applicationId: submitted.id, startupId: submitted.startupId, programme: programmeRef(programme), submittedAt: now.toISOString() },
      });
      return applicationView(submitted, false, language);
    });
  }

  /** The startup withdraws before a decision; the slot is then free for a new application. */
  async withdraw(principal: AuthenticatedPrincipal, id: string, dto: WithdrawApplicationDto, language: Language): Promise<ApplicationResponse> {
    return this.dataSource.transaction(async (tx) => {
      const application = await this.ownOrThrow(principal, id, tx);
      const programme = (await this.programmes.findById(application.programmeId, tx))!;
      const withdrawn = await this.lifecycle.transition(tx, application, 'withdraw', {
        actorPrincipalId: principal.principalId,
        reason: dto.reason ?? null,
        set: { withdrawn_at: this.clock.now() },
      });
      // Open review assignments end with the application.
      await this.reviews.recuseOpenOfWithdrawnApplication(tx, id);
      await this.outbox.add(tx, {
        type: 'application.withdrawn',
        data: { applicationId: withdrawn.id, startupId: withdrawn.startupId, programme: programmeRef(programme), reason: dto.reason ?? null },
      });
      return applicationView(withdrawn, false, language);
    });
  }

  /** Staff also see the flags raised on it (a certificate it relied on was revoked or ended). */
  async get(principal: AuthenticatedPrincipal, id: string, language: Language): Promise<ApplicationResponse> {
    const { application, programme, staff } = await this.readable(principal, id);
    const view = applicationView(application, staff, language);
    if (!staff) return view;
    const flags = await this.certifications.flagsOfApplication(application.id);
    return { ...view, flags: flags.map((f) => flagView(f, language, programme.timeZone)) };
  }

  /**
   * The certification bodies a verified-certificate rule grades by (their names and scales of the
   * required kind): the programme's named bodies and the issuers of the startup's certificates.
   */
  private async certificationBodies(tx: EntityManager, programme: Programme, certifications: Certification[]): Promise<Map<string, CertificationBodyFacts>> {
    const kind = programme.requiredCertificationKind;
    if (!kind || (!programme.requiresVerifiedCertification && programme.requiredCertificationIssuers.length === 0)) return new Map();
    const issuers = new Set(programme.requiredCertificationIssuers);
    for (const c of certifications) if (c.kind === kind && c.issuerOrganisationId) issuers.add(c.issuerOrganisationId);
    return this.certifications.bodyFacts([...issuers], kind, tx);
  }

  /** Every transition with its time and reason, in order; the statuses in plain words in `language`, worded for the reader. */
  async history(principal: AuthenticatedPrincipal, id: string, language: Language): Promise<StatusHistoryResponse> {
    const { application, staff } = await this.readable(principal, id);
    const transitions = await this.repository.history(id);
    const reader = staff ? 'staff' : 'startup';
    return {
      applicationId: id,
      state: application.state,
      status: statusWords(application.state, language, reader),
      transitions: transitions.map((t) => statusChangeView(t, language, reader)),
    };
  }

  /** A startup lists its own applications; organiser and partner staff those of their programmes. */
  async list(principal: AuthenticatedPrincipal, query: ListApplicationsQuery, language: Language): Promise<Page<ApplicationResponse>> {
    const limit = query.limit ?? 50;
    const unresolved = await unresolvedIdFilters(query, {
      programmeId: async (id) => {
        const programme = await this.programmes.findById(id);
        return programme !== null && mayViewProgramme(principal, programme);
      },
    });
    if (unresolved.length > 0) {
      throw new ApplicationError(ApplicationErrorCode.UnknownFilterId, `Unknown ${unresolved.map((e) => e.field).join(', ')}`, { errors: unresolved });
    }
    const staff = principal.role !== 'startup';
    const filter = staff
      ? { programmeIds: await this.repository.programmeIdsOfOrganisation(principal.organisationId!), programmeId: query.programmeId, state: query.state, q: query.q }
      : { startupId: principal.startupId!, programmeId: query.programmeId, state: query.state, q: query.q };
    const rows = await this.repository.list(filter, decodeCursor(CREATED_AT_ID, query.cursor), limit);
    const page = pageOf(CREATED_AT_ID, rows, limit, (a) => [a.createdAt.toISOString(), a.id]);
    const names = await this.repository.startupNames([...new Set(page.items.map((a) => a.startupId))]);
    return { items: page.items.map((a) => ({ ...applicationView(a, staff, language), startup: names.get(a.startupId) })), nextCursor: page.nextCursor };
  }

  /** Inside a transaction, pass it: a second pool connection per request can exhaust the pool under load. */
  private async ownOrThrow(principal: AuthenticatedPrincipal, id: string, tx: EntityManager): Promise<Application> {
    const application = await this.repository.findById(id, tx);
    if (!application || application.startupId !== principal.startupId) throw notFound(id);
    return application;
  }

  /** The startup itself, or people of the organiser or a partner (reviewers use their own view). */
  private async readable(principal: AuthenticatedPrincipal, id: string): Promise<{ application: Application; programme: Programme; staff: boolean }> {
    const application = await this.repository.findById(id);
    if (!application) throw notFound(id);
    const programme = (await this.programmes.findById(application.programmeId))!;
    if (principal.role === 'startup') {
      if (application.startupId !== principal.startupId) throw notFound(id);
      return { application, programme, staff: false };
    }
    if (principal.role === 'reviewer' || !isProgrammeInsider(principal, programme)) throw notFound(id);
    return { application, programme, staff: true };
  }
}

function notFound(id: string): ApplicationError {
  return new ApplicationError(ApplicationErrorCode.NotFound, `Application ${id} not found`);
}
