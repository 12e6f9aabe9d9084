import { returnedRows } from '../common/sql';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { entitiesFrom, entityFrom, PilotSite } from '@exchange/data';
import { CREATED_AT_ID, keysetCondition, type Keyset } from '@exchange/platform';
import type { CreatePilotSiteDto, PilotSiteDto, UpdatePilotSiteDto } from './dto/site.dto';

export function toSiteDto(r: PilotSite): PilotSiteDto {
  return {
    id: r.id,
    hostOrganisationId: r.hostOrganisationId,
    name: r.name,
    nameLatin: r.nameLatin,
    problemStatement: r.problemStatement,
    technologyFields: r.technologyFields,
    needs: r.needs,
    country: r.country,
    city: r.city,
    address: r.address,
    timeZone: r.timeZone,
    minTrl: r.minTrl,
    maxTrl: r.maxTrl,
    languages: r.languages,
    capacity: r.capacity,
    activePilots: r.activePilots,
    availableFrom: r.availableFrom?.toISOString() ?? null,
    availableUntil: r.availableUntil?.toISOString() ?? null,
    programmeIds: r.programmeIds,
    state: r.state,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Column ↔ DTO field for the updatable attributes. */
const UPDATABLE: Array<[keyof UpdatePilotSiteDto, string, string]> = [
  ['name', 'name', 'text'],
  ['nameLatin', 'name_latin', 'text'],
  ['problemStatement', 'problem_statement', 'text'],
  ['technologyFields', 'technology_fields', 'text[]'],
  ['needs', 'needs', 'text[]'],
  ['country', 'country', 'char(2)'],
  ['city', 'city', 'text'],
  ['address', 'address', 'text'],
  ['timeZone', 'time_zone', 'text'],
  ['minTrl', 'min_trl', 'smallint'],
  ['maxTrl', 'max_trl', 'smallint'],
  ['languages', 'languages', 'text[]'],
  ['capacity', 'capacity', 'integer'],
  ['availableFrom', 'available_from', 'timestamptz'],
  ['availableUntil', 'available_until', 'timestamptz'],
  ['programmeIds', 'programme_ids', 'uuid[]'],
  ['state', 'state', 'text'],
];

@Injectable()
export class SitesRepository {
  async insert(tx: EntityManager, hostOrganisationId: string, dto: CreatePilotSiteDto): Promise<PilotSite> {
    const rows = await tx.query(
      `INSERT INTO pilots.pilot_sites (host_organisation_id, name, name_latin, problem_statement, technology_fields, needs, country,
          city, address, time_zone, min_trl, max_trl, languages, capacity, available_from, available_until, programme_ids)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
       RETURNING *`,
      [
        hostOrganisationId,
        dto.name,
        dto.nameLatin ?? null,
        dto.problemStatement,
        dto.technologyFields,
        dto.needs ?? [],
        dto.country,
        dto.city,
        dto.address ?? null,
        dto.timeZone,
        dto.minTrl,
        dto.maxTrl,
        dto.languages,
        dto.capacity,
        dto.availableFrom ?? null,
        dto.availableUntil ?? null,
        [...new Set(dto.programmeIds.map((id) => id.toLowerCase()))],
      ],
    );
    return entitiesFrom(tx, PilotSite, rows)[0];
  }

  find(tx: EntityManager, id: string, lock = false): Promise<PilotSite | null> {
    const query = tx.getRepository(PilotSite).createQueryBuilder('s').where('s.id = :id', { id });
    if (lock) query.setLock('pessimistic_write');
    return query.getOne();
  }

  /** Applies the given fields if `version` is still current; null when it is not. */
  async update(tx: EntityManager, id: string, version: number, dto: UpdatePilotSiteDto): Promise<PilotSite | null> {
    const params: unknown[] = [id, version];
    const sets = ['version = version + 1', 'updated_at = now()'];
    for (const [field, column, type] of UPDATABLE) {
      const value = dto[field];
      if (value === undefined) continue;
      params.push(value);
      sets.push(`${column} = $${params.length}::${type}`);
    }
    const rows = returnedRows<Record<string, unknown>>(
      await tx.query(`UPDATE pilots.pilot_sites SET ${sets.join(', ')} WHERE id = $1 AND version = $2 RETURNING *`, params),
    );
    return entityFrom(tx, PilotSite, rows);
  }

  async list(
    tx: EntityManager,
    filter: { hostOrganisationId?: string; programmeId?: string; state?: string; city?: string; cursor: Keyset<typeof CREATED_AT_ID> | null; limit: number },
  ): Promise<PilotSite[]> {
    const params: unknown[] = [];
    const where = [keysetCondition(CREATED_AT_ID, ['s.created_at', 's.id'], filter.cursor, params, 'DESC')];
    if (filter.hostOrganisationId) {
      params.push(filter.hostOrganisationId);
      where.push(`s.host_organisation_id = $${params.length}`);
    }
    if (filter.programmeId) {
      params.push(filter.programmeId);
      where.push(`$${params.length}::uuid = ANY (s.programme_ids)`);
    }
    if (filter.state) {
      params.push(filter.state);
      where.push(`s.state = $${params.length}`);
    }
    if (filter.city) {
      params.push(filter.city.toLowerCase());
      where.push(`lower(s.city) = $${params.length}`);
    }
    params.push(filter.limit + 1);
    const rows = await tx.query(
      `SELECT s.* FROM pilots.pilot_sites s WHERE ${where.join(' AND ')} ORDER BY s.created_at DESC, s.id DESC LIMIT $${params.length}`,
      params,
    );
    return entitiesFrom(tx, PilotSite, rows);
  }
}
