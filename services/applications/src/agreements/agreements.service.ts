import { Injectable } from '@nestjs/common';
import type { Agreement } from '@exchange/data';
import { Clock, type AuthenticatedPrincipal, type Page } from '@exchange/platform';
import { DataSource } from 'typeorm';
import { AgreementError, AgreementErrorCode } from './agreements.errors';
import { AgreementsRepository, type AgreementParty } from './agreements.repository';
import type {
  AgreementResponse,
  CreateAgreementDto,
  ListAgreementsQuery,
  ReciprocityPartyResponse,
  ReciprocityQuery,
  ReciprocityReportResponse,
  UpdateAgreementDto,
} from './dto/agreement.dto';
import { ExchangeFactsRepository } from './exchange-facts.repository';
import { checkAgreementDates, DIRECTION_RULE, MISSION_DIRECTION_RULE, progressOf, reciprocityCsv, reportPeriod } from './reciprocity';

/**
 * Agreements (MOUs) between two organisations and their reciprocity report. The route admits the
 * roles (admins and programme managers change, partner liaisons also read); this service admits the
 * parties: to anyone whose organisation is not one, an agreement does not exist (404).
 */
@Injectable()
export class AgreementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: AgreementsRepository,
    private readonly facts: ExchangeFactsRepository,
    private readonly clock: Clock,
  ) {}

  /** The caller's organisation becomes party A; the organisation it names, party B. */
  async create(principal: AuthenticatedPrincipal, dto: CreateAgreementDto): Promise<AgreementResponse> {
    const own = organisationOf(principal);
    const counterpart = dto.counterpartOrganisationId;
    if (counterpart === own) {
      throw new AgreementError(AgreementErrorCode.SameParty, 'An agreement needs two different organisations: name the other party, not your own', {
        errors: [{ field: 'counterpartOrganisationId', message: 'must be another organisation than your own' }],
      });
    }
    if ((await this.repository.organisations([counterpart])).length === 0) {
      throw new AgreementError(AgreementErrorCode.UnknownOrganisation, `Unknown organisation ${counterpart}`, {
        organisationId: counterpart,
        errors: [{ field: 'counterpartOrganisationId', message: `no organisation ${counterpart}` }],
      });
    }
    checkAgreementDates(dto);
    const agreement = await this.dataSource.transaction((tx) =>
      this.repository.insert(tx, {
        partyAOrganisationId: own,
        partyBOrganisationId: counterpart,
        title: dto.title.trim(),
        signedOn: dto.signedOn,
        validFrom: dto.validFrom,
        validUntil: dto.validUntil,
        partyATarget: dto.partyATarget ?? null,
        partyBTarget: dto.partyBTarget ?? null,
        state: 'active',
        createdBy: principal.principalId,
      }),
    );
    return agreementView(agreement);
  }

  async list(principal: AuthenticatedPrincipal, query: ListAgreementsQuery): Promise<Page<AgreementResponse>> {
    return this.repository.list(organisationOf(principal), { state: query.state }, query, agreementView);
  }

  async get(principal: AuthenticatedPrincipal, id: string): Promise<AgreementResponse> {
    return agreementView(await this.visible(principal, id));
  }

  /** Either party edits the terms of an active agreement, against the version it read. */
  async update(principal: AuthenticatedPrincipal, id: string, dto: UpdateAgreementDto): Promise<AgreementResponse> {
    return this.dataSource.transaction(async (tx) => {
      const agreement = partyOnly(principal, await this.repository.findById(id, tx, true), id);
      if (agreement.version !== dto.version) {
        throw new AgreementError(AgreementErrorCode.VersionConflict, `The agreement changed since you read it (version ${dto.version}, now ${agreement.version})`, {
          currentVersion: agreement.version,
        });
      }
      requireActive(agreement);
      const next = {
        title: dto.title?.trim() ?? agreement.title,
        signedOn: dto.signedOn ?? agreement.signedOn,
        validFrom: dto.validFrom ?? agreement.validFrom,
        validUntil: dto.validUntil ?? agreement.validUntil,
        // null clears a target; a missing field keeps it.
        partyATarget: dto.partyATarget === undefined ? agreement.partyATarget : dto.partyATarget,
        partyBTarget: dto.partyBTarget === undefined ? agreement.partyBTarget : dto.partyBTarget,
      };
      checkAgreementDates(next);
      Object.assign(agreement, next);
      return agreementView(await this.repository.save(tx, agreement));
    });
  }

  /** Either party ends an active agreement; its report stays readable. */
  async end(principal: AuthenticatedPrincipal, id: string): Promise<AgreementResponse> {
    return this.dataSource.transaction(async (tx) => {
      const agreement = partyOnly(principal, await this.repository.findById(id, tx, true), id);
      requireActive(agreement);
      agreement.state = 'ended';
      agreement.endedAt = this.clock.now();
      return agreementView(await this.repository.save(tx, agreement));
    });
  }

  /** Both directions' numbers for the period (see DIRECTION_RULE and MISSION_DIRECTION_RULE), each against its sender's target. */
  async reciprocity(principal: AuthenticatedPrincipal, id: string, query: ReciprocityQuery): Promise<ReciprocityReportResponse> {
    const agreement = await this.visible(principal, id);
    const period = reportPeriod(agreement, query);
    const parties = await this.repository.organisations([agreement.partyAOrganisationId, agreement.partyBOrganisationId]);
    const partyA = partyOf(parties, agreement.partyAOrganisationId);
    const partyB = partyOf(parties, agreement.partyBOrganisationId);
    const counts = await this.facts.countsByDirection(agreement.id, { a: partyA, b: partyB }, period);
    return {
      agreementId: agreement.id,
      title: agreement.title,
      state: agreement.state,
      period,
      directionRule: DIRECTION_RULE,
      missionDirectionRule: MISSION_DIRECTION_RULE,
      directions: [
        { from: partyView(partyA), to: partyView(partyB), ...counts.aToB, target: agreement.partyATarget, progress: progressOf(counts.aToB.startupsSent, agreement.partyATarget) },
        { from: partyView(partyB), to: partyView(partyA), ...counts.bToA, target: agreement.partyBTarget, progress: progressOf(counts.bToA.startupsSent, agreement.partyBTarget) },
      ],
    };
  }

  async reciprocityCsv(principal: AuthenticatedPrincipal, id: string, query: ReciprocityQuery): Promise<string> {
    return reciprocityCsv(await this.reciprocity(principal, id, query));
  }

  private async visible(principal: AuthenticatedPrincipal, id: string): Promise<Agreement> {
    return partyOnly(principal, await this.repository.findById(id), id);
  }
}

/** People act for their organisation; a principal without one has no agreements. */
function organisationOf(principal: AuthenticatedPrincipal): string {
  if (!principal.organisationId) throw new AgreementError(AgreementErrorCode.NotFound, 'No agreements without an organisation', { agreementId: '-' });
  return principal.organisationId;
}

/** The agreement if the caller's organisation is one of its parties; the 404 of an unknown id otherwise. */
function partyOnly(principal: AuthenticatedPrincipal, agreement: Agreement | null, id: string): Agreement {
  const org = principal.organisationId;
  if (!agreement || !org || (agreement.partyAOrganisationId !== org && agreement.partyBOrganisationId !== org)) {
    throw new AgreementError(AgreementErrorCode.NotFound, `Agreement ${id} not found`, { agreementId: id });
  }
  return agreement;
}

function requireActive(agreement: Agreement): void {
  if (agreement.state !== 'active') {
    throw new AgreementError(AgreementErrorCode.IllegalState, `The agreement is ${agreement.state}`, { currentState: agreement.state });
  }
}

export function agreementView(a: Agreement): AgreementResponse {
  return {
    id: a.id,
    title: a.title,
    partyA: { organisationId: a.partyAOrganisationId, target: a.partyATarget },
    partyB: { organisationId: a.partyBOrganisationId, target: a.partyBTarget },
    signedOn: a.signedOn,
    validFrom: a.validFrom,
    validUntil: a.validUntil,
    state: a.state,
    endedAt: a.endedAt ? a.endedAt.toISOString() : null,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

/** A party's organisation: the foreign keys keep it, so a missing one is a bug, not a request to refuse. */
function partyOf(parties: AgreementParty[], id: string): AgreementParty {
  const party = parties.find((p) => p.id === id);
  if (!party) throw new Error(`organisation ${id} of an agreement is missing`);
  return party;
}

function partyView(p: AgreementParty): ReciprocityPartyResponse {
  return { organisationId: p.id, name: p.name, nameLatin: p.nameLatin, country: p.country };
}
