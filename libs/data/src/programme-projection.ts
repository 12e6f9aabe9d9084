import type { ProgrammeRef } from '@exchange/contracts';
import type { EntityManager } from 'typeorm';

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
  await tx.query(
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
