import { ApiKey, containsPattern, Organisation, Principal } from '@exchange/data';
import { fetchPage, type Page, type PageQueryDto } from '@exchange/platform';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** All SQL of the identity schema, each method on the caller's EntityManager (transaction or not). */
@Injectable()
export class IdentityRepository {
  /** Holds a transaction-scoped advisory lock: one holder of `key` at a time until the transaction ends. */
  async lockUntilCommit(db: EntityManager, key: number): Promise<void> {
    await db.query('SELECT pg_advisory_xact_lock($1)', [key]);
  }

  async countActiveAdmins(db: EntityManager): Promise<number> {
    const [{ admins }] = (await db.query(`SELECT count(*)::int AS admins FROM identity.principals WHERE role = 'admin' AND state = 'active'`)) as Array<{ admins: number }>;
    return admins;
  }

  findOrganisation(db: EntityManager, id: string, opts: { lock?: boolean } = {}): Promise<Organisation | null> {
    const qb = db.getRepository(Organisation).createQueryBuilder('o').where('o.id = :id', { id });
    if (opts.lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  insertOrganisation(db: EntityManager, values: Partial<Organisation>): Promise<Organisation> {
    return db.getRepository(Organisation).save(db.getRepository(Organisation).create(values));
  }

  async updateOrganisation(db: EntityManager, id: string, changes: Partial<Organisation>, expectedVersion: number): Promise<boolean> {
    const result = await db
      .createQueryBuilder()
      .update(Organisation)
      .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  listOrganisations<Item>(
    db: EntityManager,
    query: PageQueryDto & { kind?: string; country?: string; q?: string },
    onlyId: string | null,
    map: (row: Organisation) => Item,
  ): Promise<Page<Item>> {
    const qb = db.getRepository(Organisation).createQueryBuilder('o');
    if (onlyId) qb.andWhere('o.id = :onlyId', { onlyId });
    if (query.kind) qb.andWhere('o.kind = :kind', { kind: query.kind });
    if (query.country) qb.andWhere('o.country = :country', { country: query.country });
    if (query.q) {
      // Matches as typed in any script (trigram indexes on lower(name) and lower(name_latin)).
      const pattern = containsPattern(query.q);
      qb.andWhere('(lower(o.name) LIKE :pattern OR lower(o.nameLatin) LIKE :pattern)', { pattern });
    }
    return fetchPage(qb, 'o', query, map);
  }

  findPrincipal(db: EntityManager, id: string): Promise<Principal | null> {
    return db.getRepository(Principal).findOne({ where: { id } });
  }

  insertPrincipal(db: EntityManager, values: Partial<Principal>): Promise<Principal> {
    return db.getRepository(Principal).save(db.getRepository(Principal).create(values));
  }

  /** Changes a principal at `expectedVersion` only; false when another change came first. */
  async updatePrincipal(db: EntityManager, id: string, changes: Partial<Principal>, expectedVersion: number): Promise<boolean> {
    const result = await db
      .createQueryBuilder()
      .update(Principal)
      .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Whether another person of the organisation (not `exceptId`) has this address, in any case. */
  emailTaken(db: EntityManager, organisationId: string, email: string, exceptId?: string): Promise<boolean> {
    const qb = db
      .getRepository(Principal)
      .createQueryBuilder('p')
      .where('p.organisationId = :organisationId AND lower(p.email) = lower(:email)', { organisationId, email });
    if (exceptId) qb.andWhere('p.id <> :exceptId', { exceptId });
    return qb.getExists();
  }

  /** The organisation's people of `roles` (those the caller may see), optionally of one role. */
  listPeople<Item>(db: EntityManager, organisationId: string, query: PageQueryDto & { role?: string }, roles: readonly string[], map: (row: Principal) => Item): Promise<Page<Item>> {
    const qb = db
      .getRepository(Principal)
      .createQueryBuilder('p')
      .where('p.organisationId = :organisationId AND p.role = ANY(:roles)', { organisationId, roles: [...roles] });
    if (query.role) qb.andWhere('p.role = :role', { role: query.role });
    return fetchPage(qb, 'p', query, map);
  }

  insertApiKey(db: EntityManager, values: Partial<ApiKey>): Promise<ApiKey> {
    return db.getRepository(ApiKey).save(db.getRepository(ApiKey).create(values));
  }

  findApiKey(db: EntityManager, id: string, opts: { lock?: boolean } = {}): Promise<ApiKey | null> {
    const qb = db.getRepository(ApiKey).createQueryBuilder('k').where('k.id = :id', { id });
    if (opts.lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  async revokeApiKey(db: EntityManager, id: string): Promise<void> {
    await db.getRepository(ApiKey).update({ id }, { revokedAt: () => 'now()' } as never);
  }

  listApiKeys(db: EntityManager, principalId: string, query: PageQueryDto): Promise<Page<ApiKey>> {
    const qb = db.getRepository(ApiKey).createQueryBuilder('k').where('k.principalId = :principalId', { principalId });
    return fetchPage(qb, 'k', query, (row) => row);
  }

  /** Folds last-use times collected in Redis into the rows (never moving a time backwards). */
  async recordLastUsed(db: EntityManager, entries: Array<{ id: string; at: string }>): Promise<void> {
    if (entries.length === 0) return;
    await db.query(
      `UPDATE identity.api_keys k SET last_used_at = GREATEST(k.last_used_at, v.at)
         FROM unnest($1::uuid[], $2::timestamptz[]) AS v(id, at) WHERE k.id = v.id`,
      [entries.map((e) => e.id), entries.map((e) => e.at)],
    );
  }
}
