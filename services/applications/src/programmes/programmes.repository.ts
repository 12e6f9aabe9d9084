import { Injectable } from '@nestjs/common';
import { Programme, type ProgrammeKind, type ProgrammeState } from '@exchange/data';
import { DataSource, type EntityManager } from 'typeorm';
import type { CREATED_AT_ID, Keyset } from '@exchange/platform';

@Injectable()
export class ProgrammesRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string, tx?: EntityManager, lock = false): Promise<Programme | null> {
    const qb = (tx ?? this.dataSource.manager).getRepository(Programme).createQueryBuilder('p').where('p.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  insert(tx: EntityManager, values: Partial<Programme>): Promise<Programme> {
    const repo = tx.getRepository(Programme);
    return repo.save(repo.create(values));
  }

  save(tx: EntityManager, programme: Programme): Promise<Programme> {
    return tx.getRepository(Programme).save(programme);
  }

  /** Programmes visible to the caller: any non-draft, plus the drafts of its own or partner organisation. */
  list(
    filter: { organisationId: string | null; state?: ProgrammeState; kind?: ProgrammeKind },
    after: Keyset<typeof CREATED_AT_ID> | null,
    limit: number,
  ): Promise<Programme[]> {
    const qb = this.dataSource.getRepository(Programme).createQueryBuilder('p');
    if (filter.organisationId) {
      qb.andWhere("(p.state <> 'draft' OR p.organiser_organisation_id = :org OR :org = ANY(p.partner_organisation_ids))", { org: filter.organisationId });
    } else {
      qb.andWhere("p.state <> 'draft'");
    }
    if (filter.state) qb.andWhere('p.state = :state', { state: filter.state });
    if (filter.kind) qb.andWhere('p.kind = :kind', { kind: filter.kind });
    if (after) qb.andWhere("(date_trunc('milliseconds', p.created_at), p.id) > (:at::timestamptz, :id::uuid)", { at: after[0], id: after[1] });
    return qb.orderBy("date_trunc('milliseconds', p.created_at)", 'ASC').addOrderBy('p.id', 'ASC').limit(limit + 1).getMany();
  }

  async organisationsExist(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = (await this.dataSource.query('SELECT id FROM identity.organisations WHERE id = ANY($1::uuid[])', [ids])) as { id: string }[];
    return rows.map((r) => r.id);
  }
}
