import { Injectable } from '@nestjs/common';
import type { ApplicationFlag, ApplicationFlagReason, Certification } from '@exchange/data';
import { OutboxWriter, type OutboxEvent } from '@exchange/messaging';
import { Clock, CREATED_AT_ID, decodeCursor, pageOf, type AuthenticatedPrincipal, type Language, type Page } from '@exchange/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { isProgrammeInsider, programmeRef } from '../programmes/programme-views';
import { ProgrammeError, ProgrammeErrorCode } from '../programmes/programmes.errors';
import { ProgrammesRepository } from '../programmes/programmes.repository';
import { aroundExpiry, aroundRevocation, failureAfterEnd, type RecheckCertification } from './certification-recheck';
import { flagView, gradeScaleView, issuedCertificationView, verificationView } from './certification-views';
import { CertificationError, CertificationErrorCode } from './certifications.errors';
import { CertificationsRepository, type OrganisationFacts } from './certifications.repository';
import type {
  ApplicationFlagResponse,
  CertificateVerificationResponse,
  GradeScaleListResponse,
  GradeScaleResponse,
  IssueCertificationDto,
  IssuedCertificationResponse,
  ListApplicationFlagsQuery,
  ListIssuedCertificationsQuery,
  RenewCertificationDto,
  RevokeCertificationDto,
  SetGradeScaleDto,
} from './dto/certification.dto';
import { newVerificationCode, normaliseVerificationCode } from './verification-code';

/** How a certificate stopped counting, for the re-check of the applications that relied on it. */
interface Ending {
  certification: Certification;
  reason: ApplicationFlagReason;
  at: Date;
  /** The startup's certificates before and after the ending. */
  around: (all: readonly RecheckCertification[]) => { before: readonly RecheckCertification[]; after: readonly RecheckCertification[] };
}

/**
 * Certification bodies and the certificates they issue (issue 17): grade scales, issue, renew,
 * revoke, public verification, and the flags raised on open applications that relied on a
 * certificate which was revoked or ended. The people of a body (admin, programme manager) act for it;
 * an organisation of another kind issues nothing (403) and so has no certificate to read, renew or
 * revoke (404, like another body's).
 */
@Injectable()
export class CertificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: CertificationsRepository,
    private readonly programmes: ProgrammesRepository,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  async setScale(principal: AuthenticatedPrincipal, organisationId: string, dto: SetGradeScaleDto): Promise<GradeScaleResponse> {
    if (organisationId !== principal.organisationId) throw bodyNotFound(organisationId);
    const body = await this.bodyOf(principal);
    if (new Set(dto.grades).size !== dto.grades.length) {
      throw new CertificationError(CertificationErrorCode.DuplicateGrades, 'Each grade appears once on a scale', {
        errors: [{ field: 'grades', message: 'each grade appears once' }],
      });
    }
    return this.dataSource.transaction(async (tx) => {
      // The scale's row lock: a certificate issued meanwhile carries a grade of the scale it read.
      await this.repository.scale(tx, body.id, dto.kind, true);
      const dropped = (await this.repository.gradesInUse(tx, body.id, dto.kind)).filter((grade) => !dto.grades.includes(grade));
      if (dropped.length > 0) {
        throw new CertificationError(CertificationErrorCode.ScaleInUse, `Certificates that are not revoked carry grades the new scale drops: ${dropped.join(', ')}`, {
          gradesInUse: dropped,
        });
      }
      return gradeScaleView(await this.repository.upsertScale(tx, body.id, dto.kind, dto.grades));
    });
  }

  /** A body's scales are public to every caller: programme managers name its grades in their rules. */
  async scales(organisationId: string): Promise<GradeScaleListResponse> {
    const organisation = await this.repository.organisation(organisationId);
    if (!organisation || organisation.kind !== 'certification_body') throw bodyNotFound(organisationId);
    return { items: (await this.repository.scalesOf(organisationId)).map(gradeScaleView) };
  }

  async issue(principal: AuthenticatedPrincipal, dto: IssueCertificationDto): Promise<IssuedCertificationResponse> {
    const body = await this.bodyOf(principal);
    const validFrom = new Date(dto.validFrom);
    const validUntil = dto.validUntil ? new Date(dto.validUntil) : null;
    assertValidity(validFrom, validUntil);
    const startupId = dto.startupId.toLowerCase();
    return this.dataSource.transaction(async (tx) => {
      if (!(await this.repository.startupExists(tx, startupId))) {
        throw new CertificationError(CertificationErrorCode.UnknownStartup, `Unknown startupId ${dto.startupId}`, {
          errors: [{ field: 'startupId', message: 'no such startup' }],
        });
      }
      const scale = await this.repository.scale(tx, body.id, dto.kind, true);
      if (!scale) {
        throw new CertificationError(CertificationErrorCode.NoGradeScale, `Set your grade scale for ${dto.kind} first`, {
          kind: dto.kind,
          errors: [{ field: 'kind', message: 'no grade scale for this kind' }],
        });
      }
      if (!scale.grades.includes(dto.grade)) {
        throw new CertificationError(CertificationErrorCode.GradeNotOnScale, `Grade ${dto.grade} is not on your scale for ${dto.kind}`, {
          grade: dto.grade,
          kind: dto.kind,
          grades: scale.grades,
          errors: [{ field: 'grade', message: `one of ${scale.grades.join(', ')}` }],
        });
      }
      const now = this.clock.now();
      // 100 random bits: a collision is not a case to handle (the unique index would refuse it).
      const certification = await this.repository.insertIssued(tx, {
        startupId,
        kind: dto.kind,
        grade: dto.grade,
        issuer: body.name,
        issuerOrganisationId: body.id,
        certificateNumber: dto.certificateNumber?.trim() ?? null,
        validFrom,
        validUntil,
        verificationCode: newVerificationCode(),
        issuedBy: principal.principalId,
        // A certificate issued already ended has nothing to re-check when the sweep comes by.
        expiryCheckedAt: validUntil && validUntil <= now ? now : null,
      });
      await this.outbox.add(tx, { type: 'certification.issued', data: { ...certificationData(certification), issuedAt: certification.createdAt.toISOString() } });
      return issuedCertificationView(certification, now);
    });
  }

  /** The certificates the caller's organisation issued: none for an organisation that is no certification body. */
  async list(principal: AuthenticatedPrincipal, query: ListIssuedCertificationsQuery): Promise<Page<IssuedCertificationResponse>> {
    const limit = query.limit ?? 20;
    const filter = { issuerOrganisationId: principal.organisationId!, startupId: query.startupId?.toLowerCase(), kind: query.kind, revocation: query.revocation };
    const rows = await this.repository.listIssued(filter, decodeCursor(CREATED_AT_ID, query.cursor), limit);
    const page = pageOf(CREATED_AT_ID, rows, limit, (c) => [c.createdAt.toISOString(), c.id]);
    const now = this.clock.now();
    return { items: page.items.map((c) => issuedCertificationView(c, now)), nextCursor: page.nextCursor };
  }

  /** One certificate the caller's organisation issued; any other id is not found (another body's, or none). */
  async get(principal: AuthenticatedPrincipal, id: string): Promise<IssuedCertificationResponse> {
    const certification = await this.repository.findIssued(id, principal.organisationId!);
    if (!certification) throw notFound(id);
    return issuedCertificationView(certification, this.clock.now());
  }

  async renew(principal: AuthenticatedPrincipal, id: string, dto: RenewCertificationDto): Promise<IssuedCertificationResponse> {
    const issuer = principal.organisationId!;
    return this.dataSource.transaction(async (tx) => {
      const current = await this.repository.findIssued(id, issuer, tx, true);
      if (!current) throw notFound(id);
      if (current.revokedAt) throw revoked(current);
      const validFrom = dto.validFrom ? new Date(dto.validFrom) : current.validFrom;
      const validUntil = new Date(dto.validUntil);
      assertValidity(validFrom, validUntil);
      const now = this.clock.now();
      const renewed = (await this.repository.renew(tx, id, validFrom, validUntil, now))!;
      await this.outbox.add(tx, {
        type: 'certification.renewed',
        data: { ...certificationData(renewed), previousValidUntil: current.validUntil?.toISOString() ?? null, renewedAt: now.toISOString() },
      });
      return issuedCertificationView(renewed, now);
    });
  }

  /**
   * Revokes the certificate and flags, in the same transaction, every open application that relied
   * on it. Two revocations racing: the second waits for the first's row lock and answers 409.
   */
  async revoke(principal: AuthenticatedPrincipal, id: string, dto: RevokeCertificationDto): Promise<IssuedCertificationResponse> {
    const issuer = principal.organisationId!;
    return this.dataSource.transaction(async (tx) => {
      const now = this.clock.now();
      const certification = await this.repository.revoke(tx, id, issuer, dto.reason.trim(), principal.principalId, now);
      if (!certification) {
        const current = await this.repository.findIssued(id, issuer, tx);
        throw current ? revoked(current) : notFound(id);
      }
      await this.repository.lockStartups(tx, [certification.startupId]);
      const events: OutboxEvent[] = [
        { type: 'certification.revoked', data: { ...certificationData(certification), reason: certification.revocationReason!, revokedAt: now.toISOString() } },
      ];
      events.push(...(await this.flagRelying(tx, { certification, reason: 'certification_revoked', at: now, around: (all) => aroundRevocation(all, certification.id) })));
      await this.outbox.addAll(tx, events);
      return issuedCertificationView(certification, now);
    });
  }

  /**
   * One transaction of the expiry sweep: claims up to `limit` certificates whose validity has ended
   * (SKIP LOCKED: any number of instances sweep at once) and flags what relied on them. Answers how
   * many were claimed.
   */
  async sweepEnded(limit: number): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const now = this.clock.now();
      const ended = await this.repository.claimEnded(tx, now, limit);
      if (ended.length === 0) return 0;
      // Startups in id order, as every other taker of these locks, so two sweeps cannot deadlock.
      await this.repository.lockStartups(tx, [...new Set(ended.map((c) => c.startupId))].sort());
      const events: OutboxEvent[] = [];
      for (const certification of ended) {
        events.push(...(await this.flagRelying(tx, { certification, reason: 'certification_expired', at: certification.validUntil!, around: (all) => aroundExpiry(all, certification.id, now) })));
      }
      await this.outbox.addAll(tx, events);
      return ended.length;
    });
  }

  /** The public answer for a verification code: the same 404 for any code that names nothing. */
  async verify(rawCode: string): Promise<CertificateVerificationResponse> {
    const code = normaliseVerificationCode(rawCode);
    const found = code ? await this.repository.byVerificationCode(code) : null;
    if (!found) {
      throw new CertificationError(CertificationErrorCode.VerificationNotFound, 'No certificate has this verification code', {
        // The guessed code is not echoed back (the default instance is the request's path).
        instance: '/v1/certificate-verifications',
      });
    }
    return verificationView(found, this.clock.now());
  }

  /** The flags of a programme's applications, for its organiser's and partners' staff. */
  async programmeFlags(principal: AuthenticatedPrincipal, programmeId: string, query: ListApplicationFlagsQuery, language: Language): Promise<Page<ApplicationFlagResponse>> {
    const programme = await this.programmes.findById(programmeId);
    if (!programme || !isProgrammeInsider(principal, programme)) throw new ProgrammeError(ProgrammeErrorCode.NotFound, `Programme ${programmeId} not found`);
    const limit = query.limit ?? 20;
    const rows = await this.repository.flagsOfProgramme(programme.id, decodeCursor(CREATED_AT_ID, query.cursor), limit);
    const page = pageOf(CREATED_AT_ID, rows, limit, (f) => [f.flaggedAt.toISOString(), f.id]);
    return { items: page.items.map((f) => flagView(f, language, programme.timeZone)), nextCursor: page.nextCursor };
  }

  /** The flags of one application (its staff view shows them). */
  async applicationFlags(applicationId: string, language: Language, timeZone: string): Promise<ApplicationFlagResponse[]> {
    return (await this.repository.flagsOfApplication(applicationId)).map((f) => flagView(f, language, timeZone));
  }

  /**
   * Re-checks the open applications of the certificate's startup whose programme asks for its kind,
   * raises a flag on each that relied on it (once per application and certificate, whoever gets
   * there first) and answers the `application.flagged` events of the flags raised now.
   */
  private async flagRelying(tx: EntityManager, ending: Ending): Promise<OutboxEvent<'application.flagged'>[]> {
    const { certification } = ending;
    const open = await this.repository.openApplicationsRequiring(tx, certification.startupId, certification.kind);
    if (open.length === 0) return [];
    const all = await this.repository.certificationsOf(tx, certification.startupId);
    const { before, after } = ending.around(all);
    const issuers = new Set<string>();
    for (const c of all) if (c.kind === certification.kind && c.issuerOrganisationId) issuers.add(c.issuerOrganisationId);
    for (const { programme } of open) for (const id of programme.requiredCertificationIssuers) issuers.add(id);
    const bodies = await this.repository.bodyFacts([...issuers], certification.kind, tx);
    const events: OutboxEvent<'application.flagged'>[] = [];
    for (const { application, programme } of open) {
      const failure = failureAfterEnd(programme, before, after, bodies);
      if (!failure) continue;
      const flag = await this.repository.insertFlag(tx, {
        applicationId: application.id,
        programmeId: programme.id,
        startupId: application.startupId,
        certificationId: certification.id,
        reason: ending.reason,
        failedRule: failure.rule,
        failedRuleParams: failure.params as Record<string, unknown>,
        certificationKind: certification.kind,
        certificationGrade: certification.grade,
        issuer: certification.issuer,
        issuerOrganisationId: certification.issuerOrganisationId,
        revocationReason: certification.revocationReason,
        endedAt: ending.at,
      });
      if (flag) events.push(flaggedEvent(flag, programmeRef(programme)));
    }
    return events;
  }

  /** The caller's organisation, if it is a certification body. */
  private async bodyOf(principal: AuthenticatedPrincipal): Promise<OrganisationFacts> {
    const organisation = principal.organisationId ? await this.repository.organisation(principal.organisationId) : null;
    if (!organisation || organisation.kind !== 'certification_body') {
      throw new CertificationError(CertificationErrorCode.NotACertificationBody, 'Only people of a certification body issue, renew and revoke certificates');
    }
    return organisation;
  }
}

function certificationData(c: Certification) {
  return {
    certificationId: c.id,
    startupId: c.startupId,
    issuerOrganisationId: c.issuerOrganisationId!,
    kind: c.kind,
    grade: c.grade!,
    validFrom: c.validFrom.toISOString(),
    validUntil: c.validUntil?.toISOString() ?? null,
  };
}

function flaggedEvent(flag: ApplicationFlag, programme: ReturnType<typeof programmeRef>): OutboxEvent<'application.flagged'> {
  return {
    type: 'application.flagged',
    data: {
      applicationId: flag.applicationId,
      startupId: flag.startupId,
      programme,
      flagId: flag.id,
      certificationId: flag.certificationId,
      reason: flag.reason,
      failedRule: flag.failedRule,
      flaggedAt: flag.flaggedAt.toISOString(),
    },
  };
}

function assertValidity(validFrom: Date, validUntil: Date | null): void {
  if (validUntil && validUntil <= validFrom) {
    throw new CertificationError(CertificationErrorCode.InvalidValidity, 'A certificate must end after it starts (validUntil > validFrom)', {
      errors: [{ field: 'validUntil', message: 'must be after validFrom' }],
    });
  }
}

function notFound(id: string): CertificationError {
  return new CertificationError(CertificationErrorCode.NotFound, `Certificate ${id} not found`, { id });
}

function bodyNotFound(id: string): CertificationError {
  return new CertificationError(CertificationErrorCode.BodyNotFound, `Certification body ${id} not found`, { id });
}

function revoked(c: Certification): CertificationError {
  return new CertificationError(CertificationErrorCode.Revoked, `The certificate was revoked at ${c.revokedAt!.toISOString()}`, {
    revokedAt: c.revokedAt!.toISOString(),
    currentState: 'revoked',
  });
}
