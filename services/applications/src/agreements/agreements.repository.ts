import { Injectable } from '@nestjs/common';
import { Agreement, type AgreementState } from '@exchange/data';
import { fetchPage, type Page } from '@exchange/platform';
import { DataSource, type EntityManager } from 'typeorm';

/** An organisation as the agreements show it. */
export interface AgreementParty {
  id: string;
  name: string;
  nameLatin: string | null;
  country: string;
}

@Injectable()
export class AgreementsRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string, tx?: EntityManager, lock = false): Promise<Agreement | null> {
    const qb = (tx ?? this.dataSource.manager).getRepository(Agreement).createQueryBuilder('a').where('a.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  insert(tx: EntityManager, values: Partial<Agreement>): Promise<Agreement> {
    const repo = tx.getRepository(Agreement);
    return repo.save(repo.create(values));
  }

  save(tx: EntityManager, agreement: Agreement): Promise<Agreement> {
    return tx.getRepository(Agreement).save(agreement);
  }

  /** The agreements the organisation is a party to, oldest first. */
  list<Item>(organisationId: string, filter: { state?: AgreementState }, query: { cursor?: string; limit?: number }, map: (a: Agreement) => Item): Promise<Page<Item>> {
    const qb = this.dataSource
      .getRepository(Agreement)
      .createQueryBuilder('a')
      .where('(a.party_a_organisation_id = :org OR a.party_b_organisation_id = :org)', { org: organisationId });
    if (filter.state) qb.andWhere('a.state = :state', { state: filter.state });
    return fetchPage(qb, 'a', query, map);
  }

  /** The organisations of these ids that exist (identity is readable by every service). */
  async organisations(ids: string[]): Promise<AgreementParty[]> {
    if (ids.length === 0) return [];
    return (await this.dataSource.query(
      `SELECT id, name, name_latin AS "nameLatin", country FROM identity.organisations WHERE id = ANY($1::uuid[])`,
      [ids],
    )) as AgreementParty[];
  }
}
