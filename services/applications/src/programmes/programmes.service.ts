import { Injectable } from '@nestjs/common';
import { programmePublishedData, type Programme } from '@exchange/data';
import { OutboxWriter } from '@exchange/messaging';
import { CREATED_AT_ID, decodeCursor, pageOf, type AuthenticatedPrincipal, type Page } from '@exchange/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { CERTIFICATION_GRADES, gradesAtLeast, type CertificationGrade } from '../applications/eligibility';
import { CertificationsRepository } from '../certifications/certifications.repository';
import { Clock } from '@exchange/platform';
import type { CreateProgrammeDto, ListProgrammesQuery, ProgrammeResponse, RequiredCertificationDto, UpdateProgrammeDto } from './dto/programme.dto';
import { mayViewProgramme, programmeRef, programmeView, requireManager } from './programme-views';
import { ProgrammeError, ProgrammeErrorCode } from './programmes.errors';
import { ProgrammesRepository } from './programmes.repository';
import { isValidTimeZone, zonedToInstant } from './zoned-time';

const NEXT_STATE = { publish: { from: ['draft'], to: 'published' }, close: { from: ['published'], to: 'closed' } } as const;

@Injectable()
export class ProgrammesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ProgrammesRepository,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    private readonly certifications: CertificationsRepository,
  ) {}

  async create(principal: AuthenticatedPrincipal, dto: CreateProgrammeDto): Promise<ProgrammeResponse> {
    const organiser = principal.organisationId!;
    const values = await this.validated(dto, { organiser });
    const programme = await this.dataSource.transaction((tx) =>
      this.repository.insert(tx, { ...values, kind: dto.kind, organiserOrganisationId: organiser, createdBy: principal.principalId, state: 'draft' }),
    );
    return programmeView(programme);
  }

  async get(principal: AuthenticatedPrincipal, id: string): Promise<ProgrammeResponse> {
    return programmeView(await this.visible(principal, id));
  }

  async list(principal: AuthenticatedPrincipal, query: ListProgrammesQuery): Promise<Page<ProgrammeResponse>> {
    const limit = query.limit ?? 50;
    const rows = await this.repository.list({ organisationId: principal.organisationId, state: query.state, kind: query.kind }, decodeCursor(CREATED_AT_ID, query.cursor), limit);
    const page = pageOf(CREATED_AT_ID, rows, limit, (p) => [p.createdAt.toISOString(), p.id]);
    return { items: page.items.map(programmeView), nextCursor: page.nextCursor };
  }

  /** Editing is for drafts: once applications can arrive, the rules they were checked against stay put. */
  async update(principal: AuthenticatedPrincipal, id: string, dto: UpdateProgrammeDto): Promise<ProgrammeResponse> {
    return this.dataSource.transaction(async (tx) => {
      const programme = requireManager(principal, await this.repository.findById(id, tx, true), refusals(id, 'edit'));
      if (programme.version !== dto.version) {
        throw new ProgrammeError(ProgrammeErrorCode.VersionConflict, `The programme changed since you read it (version ${dto.version}, now ${programme.version})`, {
          yourVersion: dto.version,
          currentVersion: programme.version,
        });
      }
      if (programme.state !== 'draft') {
        throw new ProgrammeError(ProgrammeErrorCode.IllegalState, `Only a draft programme can be edited; this one is ${programme.state}`, { currentState: programme.state, action: 'edit' });
      }
      const merged = { ...currentAsDto(programme), ...stripUndefined(dto) };
      Object.assign(programme, await this.validated(merged, { organiser: programme.organiserOrganisationId }));
      return programmeView(await this.repository.save(tx, programme));
    });
  }

  async transition(principal: AuthenticatedPrincipal, id: string, action: keyof typeof NEXT_STATE): Promise<ProgrammeResponse> {
    return this.dataSource.transaction(async (tx) => {
      const programme = requireManager(principal, await this.repository.findById(id, tx, true), refusals(id, action));
      const rule = NEXT_STATE[action];
      if (!(rule.from as readonly string[]).includes(programme.state)) {
        throw new ProgrammeError(ProgrammeErrorCode.IllegalState, `Cannot ${action} a programme that is ${programme.state}`, { currentState: programme.state, action });
      }
      programme.state = rule.to;
      const saved = await this.repository.save(tx, programme);
      await this.announce(tx, saved, action);
      return programmeView(saved);
    });
  }

  /**
   * The transition's event, in its transaction. Publishing tells every consumer who runs the programme
   * even if nobody ever applies to it (notifications needs that to reach its partner agencies).
   */
  private async announce(tx: EntityManager, p: Programme, action: keyof typeof NEXT_STATE): Promise<void> {
    const at = this.clock.now();
    if (action === 'publish') {
      await this.outbox.add(tx, { type: 'programme.published', subject: p.id, data: programmePublishedData(p, at) });
    } else {
      await this.outbox.add(tx, { type: 'programme.closed', subject: p.id, data: { programme: programmeRef(p), closedAt: at.toISOString() } });
    }
  }

  /** The programme if the caller may see it; 404 otherwise (another tenant's draft does not exist for them). */
  async visible(principal: AuthenticatedPrincipal, id: string): Promise<Programme> {
    const programme = await this.repository.findById(id);
    if (!programme || !mayViewProgramme(principal, programme)) throw notFound(id);
    return programme;
  }

  private async validated(dto: Omit<CreateProgrammeDto, 'kind'>, ctx: { organiser: string }): Promise<Partial<Programme>> {
    if (!isValidTimeZone(dto.timeZone)) {
      throw new ProgrammeError(ProgrammeErrorCode.InvalidTimeZone, `Unknown time zone ${dto.timeZone}: use an IANA name such as Asia/Seoul`, { timeZone: dto.timeZone });
    }
    const opens = zonedToInstant(dto.opensAt, dto.timeZone);
    const closes = zonedToInstant(dto.closesAt, dto.timeZone);
    if (!opens || !closes) {
      throw new ProgrammeError(ProgrammeErrorCode.InvalidWindow, 'opensAt and closesAt must be wall-clock times like 2026-03-01T09:00 (or ISO instants with an offset)', {
        rule: 'wall_clock_times',
      });
    }
    if (closes <= opens) throw new ProgrammeError(ProgrammeErrorCode.InvalidWindow, 'The window must close after it opens', { rule: 'closes_after_opens' });

    const keys = dto.rubric.criteria.map((c) => c.key);
    if (new Set(keys).size !== keys.length) throw new ProgrammeError(ProgrammeErrorCode.InvalidRubric, 'Rubric criteria keys must be unique', { rule: 'unique_keys' });
    const scaleMin = dto.rubric.scaleMin ?? 1;
    const scaleMax = dto.rubric.scaleMax ?? 10;
    if (scaleMin >= scaleMax) throw new ProgrammeError(ProgrammeErrorCode.InvalidRubric, 'The scale minimum must be below its maximum', { rule: 'scale_order' });

    const e = dto.eligibility ?? {};
    const minTrl = e.minTrl ?? 1;
    const maxTrl = e.maxTrl ?? 9;
    if (minTrl > maxTrl) throw new ProgrammeError(ProgrammeErrorCode.InvalidEligibility, 'minTrl must not exceed maxTrl', { rule: 'trl_range' });
    // Compared with the database's lower-case ids, so an upper-case spelling is the same organisation.
    const partners = [...new Set((dto.partnerOrganisationIds ?? []).map((id) => id.toLowerCase()))].filter((id) => id !== ctx.organiser);
    const known = await this.repository.organisationsExist(partners);
    const unknown = partners.filter((id) => !known.includes(id));
    if (unknown.length > 0) {
      const message = `Unknown partner organisations: ${unknown.join(', ')}`;
      throw new ProgrammeError(ProgrammeErrorCode.InvalidEligibility, message, { rule: 'unknown_partners', organisationIds: unknown, errors: [{ field: 'partnerOrganisationIds', message }] });
    }

    const certification = await this.certificationRule(e.requiredCertification);

    return {
      name: dto.name.trim(),
      nameLatin: dto.nameLatin ?? null,
      description: dto.description ?? null,
      partnerOrganisationIds: partners,
      hostCountry: dto.hostCountry,
      hostCity: dto.hostCity,
      timeZone: dto.timeZone,
      windowOpensAt: opens,
      windowClosesAt: closes,
      capacity: dto.capacity ?? null,
      eligibleCountries: e.countries ?? [],
      eligibleTechnologyFields: e.technologyFields ?? [],
      minTrl,
      maxTrl,
      ...certification,
      maxCompanyAgeYears: e.maxCompanyAgeYears ?? null,
      rubricCriteria: dto.rubric.criteria.map((c) => ({ key: c.key, label: c.label, weight: c.weight, ...(c.description ? { description: c.description } : {}) })),
      scoreScaleMin: scaleMin,
      scoreScaleMax: scaleMax,
      reviewsRequired: dto.reviewsRequired ?? 3,
      blindReview: dto.blindReview ?? false,
      normalisation: dto.normalisation ?? 'none',
    };
  }

  /**
   * The certification rule as stored. A rule that asks for a verified certificate, or names
   * certification bodies, grades on each body's own scale: every named body must be a certification
   * body with `minGrade` on its scale for the kind. Otherwise `minGrade` is on the common A/AA/AAA scale.
   */
  private async certificationRule(rule: RequiredCertificationDto | undefined): Promise<Partial<Programme>> {
    if (!rule) {
      return { requiredCertificationKind: null, requiredCertificationGrades: [], requiresVerifiedCertification: false, requiredCertificationIssuers: [], requiredCertificationMinGrade: null };
    }
    const field = (name: string) => `eligibility.requiredCertification.${name}`;
    const refuse = (name: string, message: string) => new ProgrammeError(ProgrammeErrorCode.InvalidEligibility, message, { errors: [{ field: field(name), message }] });
    const issuers = [...new Set((rule.issuerOrganisationIds ?? []).map((id) => id.toLowerCase()))];
    const verified = rule.verified === true || issuers.length > 0;
    const minGrade = rule.minGrade ?? null;
    if (!verified && minGrade !== null && !isCommonGrade(minGrade)) {
      throw refuse('minGrade', `minGrade must be one of ${CERTIFICATION_GRADES.join(', ')} unless the certificate must be verified`);
    }
    if (issuers.length > 0) {
      const bodies = await this.certifications.certificationBodies(issuers);
      const unknown = issuers.filter((id) => !bodies.includes(id));
      if (unknown.length > 0) throw refuse('issuerOrganisationIds', `Not certification bodies on the exchange: ${unknown.join(', ')}`);
      if (minGrade !== null) {
        const facts = await this.certifications.bodyFacts(issuers, rule.kind);
        const without = issuers.filter((id) => !facts.get(id)?.grades.includes(minGrade));
        if (without.length > 0) throw refuse('minGrade', `${minGrade} is not on the ${rule.kind} scale of ${without.map((id) => facts.get(id)?.name ?? id).join(', ')}`);
      }
    }
    return {
      requiredCertificationKind: rule.kind,
      requiredCertificationGrades: !verified && minGrade !== null && isCommonGrade(minGrade) ? gradesAtLeast(minGrade) : [],
      requiresVerifiedCertification: verified,
      requiredCertificationIssuers: issuers,
      requiredCertificationMinGrade: minGrade,
    };
  }
}

function isCommonGrade(grade: string): grade is CertificationGrade {
  return (CERTIFICATION_GRADES as readonly string[]).includes(grade);
}

function notFound(id: string): ProgrammeError {
  return new ProgrammeError(ProgrammeErrorCode.NotFound, `Programme ${id} not found`);
}

function refusals(id: string, action: 'edit' | 'publish' | 'close') {
  return {
    notFound: () => notFound(id),
    notOrganiser: () => new ProgrammeError(ProgrammeErrorCode.NotOrganiser, `Only programme managers of the organising organisation ${action} a programme`, { action }),
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([k, v]) => v !== undefined && k !== 'version')) as Partial<T>;
}

function currentAsDto(p: Programme): Omit<CreateProgrammeDto, 'kind'> {
  const view = programmeView(p);
  return {
    name: p.name,
    nameLatin: p.nameLatin ?? undefined,
    description: p.description ?? undefined,
    partnerOrganisationIds: p.partnerOrganisationIds,
    hostCountry: p.hostCountry,
    hostCity: p.hostCity,
    timeZone: p.timeZone,
    opensAt: p.windowOpensAt.toISOString(),
    closesAt: p.windowClosesAt.toISOString(),
    capacity: p.capacity ?? undefined,
    eligibility: {
      countries: p.eligibleCountries,
      technologyFields: p.eligibleTechnologyFields,
      minTrl: p.minTrl,
      maxTrl: p.maxTrl,
      requiredCertification: view.eligibility.requiredCertification ?? undefined,
      maxCompanyAgeYears: p.maxCompanyAgeYears ?? undefined,
    },
    rubric: { criteria: p.rubricCriteria, scaleMin: p.scoreScaleMin, scaleMax: p.scoreScaleMax },
    reviewsRequired: p.reviewsRequired,
    blindReview: p.blindReview,
    normalisation: p.normalisation,
  };
}
