import { Injectable } from '@nestjs/common';
import type { Certification, Startup } from '@exchange/data';
import { OutboxWriter } from '@exchange/messaging';
import { CREATED_AT_ID, decodeCursor, pageOf, type AuthenticatedPrincipal, type Page } from '@exchange/platform';
import type { Role } from '@exchange/data';
import { DataSource, type EntityManager } from 'typeorm';
import type { CertificationDto, RegisterStartupDto, SearchStartupsQuery, StartupResponse, UpdateStartupDto } from './dto/startup.dto';
import { CertificationError, CertificationErrorCode } from '../certifications/certifications.errors';
import { StartupCredentials } from './startup-credentials';
import { certificationView, startupSummary, startupView } from './startup-views';
import { StartupError, StartupErrorCode } from './startups.errors';
import { isForeignKeyViolation, isUniqueViolation, StartupsRepository } from './startups.repository';

const PROFILE_FIELDS = ['name', 'nameLatin', 'technologyFields', 'trl', 'team', 'contact', 'languages', 'description', 'foundedOn'] as const;

/** Staff who may see a related startup's full profile; reviewers see it only through their assignment (blind review). */
const STAFF_ROLES: ReadonlySet<Role> = new Set(['admin', 'programme_manager', 'partner_agency', 'host']);

@Injectable()
export class StartupsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: StartupsRepository,
    private readonly outbox: OutboxWriter,
    private readonly credentials: StartupCredentials,
  ) {}

  /** Creates the startup, its principal and its API key in one transaction; the key is returned once. */
  async register(dto: RegisterStartupDto): Promise<{ startup: StartupResponse; apiKey: string; apiKeyId: string }> {
    try {
      return await this.dataSource.transaction(async (tx) => {
        const startup = await this.repository.insert(tx, {
          name: dto.name.trim(),
          nameLatin: dto.nameLatin.trim(),
          country: dto.country,
          registrationNumber: dto.registrationNumber.trim(),
          technologyFields: dto.technologyFields,
          trl: dto.trl,
          team: dto.team ?? [],
          contact: dto.contact ?? {},
          languages: dto.languages ?? [],
          description: dto.description ?? null,
          foundedAt: dto.foundedOn ? new Date(dto.foundedOn) : null,
        });
        const certifications = await this.repository.addCertifications(tx, (dto.certifications ?? []).map((c) => certificationRow(startup.id, c)));
        const key = await this.credentials.issue(tx, startup);
        await this.outbox.add(tx, {
          type: 'startup.registered',
          data: { startup: startupSummary(startup), registeredAt: startup.createdAt.toISOString() },
        });
        return { startup: startupView(startup, certifications, 'full'), apiKey: key.key, apiKeyId: key.apiKeyId };
      });
    } catch (err) {
      if (isForeignKeyViolation(err)) throw unknownIssuer();
      if (isUniqueViolation(err, 'startups_registration_uq')) {
        throw new StartupError(StartupErrorCode.AlreadyRegistered, `A startup with registration number ${dto.registrationNumber} in ${dto.country} is already registered`, {
          registrationNumber: dto.registrationNumber,
          country: dto.country,
        });
      }
      throw err;
    }
  }

  /** The full profile for the startup itself and related staff; the public profile for everyone else. */
  async get(principal: AuthenticatedPrincipal, rawId: string): Promise<StartupResponse> {
    const id = canonicalId(rawId);
    this.assertMayRead(principal, id);
    const startup = await this.repository.findById(id);
    if (!startup) throw notFound(id);
    const full = await this.fullProfileIds(principal, [id]);
    return startupView(startup, await this.repository.certificationsOf([id]), full.has(id) ? 'full' : 'public');
  }

  async update(principal: AuthenticatedPrincipal, rawId: string, dto: UpdateStartupDto): Promise<StartupResponse> {
    const id = canonicalId(rawId);
    this.assertOwn(principal, id);
    return this.dataSource.transaction(async (tx) => {
      const startup = await this.repository.findById(id, tx, true);
      if (!startup) throw notFound(id);
      if (dto.version !== undefined && dto.version !== startup.version) {
        throw new StartupError(StartupErrorCode.VersionConflict, `The profile changed since you read it (version ${dto.version}, now ${startup.version})`, {
          yourVersion: dto.version,
          currentVersion: startup.version,
        });
      }
      const changed = PROFILE_FIELDS.filter((field) => dto[field] !== undefined);
      if (dto.name !== undefined) startup.name = dto.name.trim();
      if (dto.nameLatin !== undefined) startup.nameLatin = dto.nameLatin.trim();
      if (dto.technologyFields !== undefined) startup.technologyFields = dto.technologyFields;
      if (dto.trl !== undefined) startup.trl = dto.trl;
      if (dto.team !== undefined) startup.team = dto.team;
      if (dto.contact !== undefined) startup.contact = dto.contact;
      if (dto.languages !== undefined) startup.languages = dto.languages;
      if (dto.description !== undefined) startup.description = dto.description;
      if (dto.foundedOn !== undefined) startup.foundedAt = new Date(dto.foundedOn);
      const saved = changed.length > 0 ? await this.repository.save(tx, startup) : startup;
      if (changed.length > 0) await this.emitUpdated(tx, saved, [...changed]);
      return startupView(saved, await this.repository.certificationsOf([id], tx), 'full');
    });
  }

  async addCertification(principal: AuthenticatedPrincipal, rawId: string, dto: CertificationDto) {
    const id = canonicalId(rawId);
    this.assertOwn(principal, id);
    return this.dataSource.transaction(async (tx) => {
      const startup = await this.repository.findById(id, tx, true);
      if (!startup) throw notFound(id);
      const [row] = await this.repository.addCertifications(tx, [certificationRow(id, dto)]).catch((err: unknown) => {
        throw isForeignKeyViolation(err) ? unknownIssuer() : err;
      });
      await this.emitUpdated(tx, await this.touch(tx, startup), ['certifications']);
      return certificationView(row);
    });
  }

  async removeCertification(principal: AuthenticatedPrincipal, rawId: string, certificationId: string): Promise<void> {
    const id = canonicalId(rawId);
    this.assertOwn(principal, id);
    await this.dataSource.transaction(async (tx) => {
      const startup = await this.repository.findById(id, tx, true);
      if (!startup) throw notFound(id);
      if (!(await this.repository.deleteCertification(tx, id, certificationId))) {
        const issued = (await this.repository.certificationsOf([id], tx)).some((c) => c.id === certificationId);
        if (issued) {
          throw new CertificationError(CertificationErrorCode.IssuedNotRemovable, 'A certificate issued by a certification body cannot be deleted; only its body can revoke it', {
            certificationId,
          });
        }
        throw new StartupError(StartupErrorCode.CertificationNotFound, `Certification ${certificationId} not found`);
      }
      await this.emitUpdated(tx, await this.touch(tx, startup), ['certifications']);
    });
  }

  /** Every startup is found by name; each item is the full or the public profile, as for `get`. */
  async search(principal: AuthenticatedPrincipal, query: SearchStartupsQuery): Promise<Page<StartupResponse>> {
    const limit = query.limit ?? 50;
    const rows = await this.repository.search({ q: query.q, country: query.country }, decodeCursor(CREATED_AT_ID, query.cursor), limit);
    const page = pageOf(CREATED_AT_ID, rows, limit, (s) => [s.createdAt.toISOString(), s.id]);
    const ids = page.items.map((s) => s.id);
    const [certifications, full] = await Promise.all([this.repository.certificationsOf(ids), this.fullProfileIds(principal, ids)]);
    return {
      items: page.items.map((s) => startupView(s, certifications.filter((c) => c.startupId === s.id), full.has(s.id) ? 'full' : 'public')),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * Which of `startupIds` the caller sees in full (DESIGN.md §9): a startup itself; staff of an
   * organisation it submitted an application to (organiser or partner of the programme) or whose
   * cohort it graduated from. Contact, team and registration number are personal data.
   */
  private async fullProfileIds(principal: AuthenticatedPrincipal, startupIds: string[]): Promise<Set<string>> {
    if (principal.role === 'startup') return new Set(startupIds.filter((id) => id === principal.startupId));
    if (!STAFF_ROLES.has(principal.role) || !principal.organisationId) return new Set();
    return new Set(await this.repository.relatedToOrganisation(startupIds, principal.organisationId));
  }

  /** A certification change is a profile change: bump the version so concurrent editors notice. */
  private async touch(tx: EntityManager, startup: Startup): Promise<Startup> {
    return (await this.repository.bump(tx, startup.id)) ?? startup;
  }

  private emitUpdated(tx: EntityManager, startup: Startup, changedFields: string[]) {
    return this.outbox.add(tx, { type: 'startup.updated', data: { startup: startupSummary(startup), changedFields } });
  }

  /** A startup sees only itself; people of organisations read profiles to run programmes. */
  private assertMayRead(principal: AuthenticatedPrincipal, id: string): void {
    if (principal.role === 'startup' && principal.startupId !== id) throw notFound(id);
  }

  private assertOwn(principal: AuthenticatedPrincipal, id: string): void {
    if (principal.startupId !== id) throw notFound(id);
  }
}

/** Ids are compared as strings here (the caller's own startup id): one spelling for every case. */
function canonicalId(id: string): string {
  return id.toLowerCase();
}

function notFound(id: string): StartupError {
  return new StartupError(StartupErrorCode.NotFound, `Startup ${id} not found`);
}

function unknownIssuer(): StartupError {
  return new StartupError(StartupErrorCode.InvalidCertification, 'issuerOrganisationId is not an organisation on the platform', { rule: 'unknown_issuer' });
}

function certificationRow(startupId: string, c: CertificationDto): Partial<Certification> {
  const validFrom = new Date(c.validFrom);
  const validUntil = c.validUntil ? new Date(c.validUntil) : null;
  if (validUntil && validUntil <= validFrom) {
    throw new StartupError(StartupErrorCode.InvalidCertification, 'A certification must end after it starts (validUntil > validFrom)', { rule: 'validity_order' });
  }
  return {
    startupId,
    kind: c.kind,
    issuer: c.issuer,
    issuerOrganisationId: c.issuerOrganisationId ?? null,
    grade: c.grade ?? null,
    certificateNumber: c.certificateNumber ?? null,
    validFrom,
    validUntil,
  };
}
