import type { ProgrammeRef } from '@exchange/contracts';
import type { EntityManager } from 'typeorm';
import { preparedWrite } from './prepared-query';

/** The services that keep a projection of programmes (`<schema>.programmes`, see the ProgrammeProjections migration). */
export type ProgrammeProjectionSchema = 'pilots' | 'cohorts';

export interface ProjectedProgramme {
  id: string;
  kind: ProgrammeRef['kind'];
  organiserOrgId: string;
  partnerOrgIds: string[];
  state: 'published' | 'closed';
}

/**
 * Records what a programme event says about a programme. `programme.published` and `programme.closed`
 * carry their time: a row is only replaced by a newer event, so a late `published` cannot reopen a
 * closed programme. A programme met only through an accepted application (`asOf` null) is recorded
 * as published if unknown, and changes nothing otherwise.
 */
export async function projectProgramme(
  tx: EntityManager,
  schema: ProgrammeProjectionSchema,
  ref: ProgrammeRef,
  state: ProjectedProgramme['state'],
  asOf: string | null,
): Promise<void> {
  const onConflict =
    asOf === null
      ? 'DO NOTHING'
      : `DO UPDATE SET kind = EXCLUDED.kind, organiser_org_id = EXCLUDED.organiser_org_id, partner_org_ids = EXCLUDED.partner_org_ids,
           state = EXCLUDED.state, as_of = EXCLUDED.as_of, updated_at = now()
         WHERE p.as_of <= EXCLUDED.as_of`;
  await preparedWrite(
    tx,
    `INSERT INTO ${schema}.programmes AS p (id, kind, organiser_org_id, partner_org_ids, state, as_of)
     VALUES ($1, $2, $3, $4::uuid[], $5, coalesce($6::timestamptz, '-infinity'))
     ON CONFLICT (id) ${onConflict}`,
    [ref.id, ref.kind, ref.organiserOrgId, [...new Set(ref.partnerOrgIds)], state, asOf],
  );
}

/** The known programmes among `ids` (unknown ids are simply absent). */
export async function findProjectedProgrammes(tx: EntityManager, schema: ProgrammeProjectionSchema, ids: readonly string[]): Promise<ProjectedProgramme[]> {
  if (ids.length === 0) return [];
  const rows: Array<{ id: string; kind: ProgrammeRef['kind']; organiser_org_id: string; partner_org_ids: string[]; state: ProjectedProgramme['state'] }> =
    await tx.query(`SELECT id, kind, organiser_org_id, partner_org_ids, state FROM ${schema}.programmes WHERE id = ANY ($1::uuid[])`, [[...new Set(ids)]]);
  return rows.map((r) => ({ id: r.id, kind: r.kind, organiserOrgId: r.organiser_org_id, partnerOrgIds: r.partner_org_ids, state: r.state }));
}

/**
 * The programme refs a service's events carry, from its projection. Programme-scoped events are only
 * written about programmes the service knows (a candidate, site or cohort needs one), so an id the
 * projection lacks is a bug: throws rather than write an event nobody may be told about.
 */
export async function projectedProgrammeRefs(tx: EntityManager, schema: ProgrammeProjectionSchema, ids: readonly string[]): Promise<Map<string, ProgrammeRef>> {
  const refs = new Map<string, ProgrammeRef>(
    (await findProjectedProgrammes(tx, schema, ids)).map((p) => [p.id, { id: p.id, kind: p.kind, organiserOrgId: p.organiserOrgId, partnerOrgIds: p.partnerOrgIds }]),
  );
  const missing = [...new Set(ids)].filter((id) => !refs.has(id));
  if (missing.length > 0) throw new Error(`programme ${missing.join(', ')} is not in ${schema}.programmes`);
  return refs;
}

/** The ref of one programme of the projection (see projectedProgrammeRefs). */
export async function projectedProgrammeRef(tx: EntityManager, schema: ProgrammeProjectionSchema, id: string): Promise<ProgrammeRef> {
  return (await projectedProgrammeRefs(tx, schema, [id])).get(id)!;
}
