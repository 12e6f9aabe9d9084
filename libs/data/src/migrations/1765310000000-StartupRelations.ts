import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the applications service learns from other services' events about who a startup works with
 * (issue 12, DESIGN.md §9): a startup pilots at a site of an organisation (`pilot.approved` and the
 * later pilot events), or joined a cohort an organisation runs (`cohort.offer_accepted`). Staff of
 * such an organisation see the startup's full profile. One row per (startup, organisation, kind);
 * `since` is the earliest event seen, `subject_id` the pilot or cohort that made the relation.
 *
 * Pilots approved and cohort places accepted before this migration were announced to a consumer
 * that ignored them: they are copied once from the pilots and cohorts schemas. A cohort counts only
 * for the organiser of its programme, as the consumer counts it (a cohort's own organiser column
 * was not checked against its programme before issue 12).
 */
export class StartupRelations1765310000000 implements MigrationInterface {
  name = 'StartupRelations1765310000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE applications.startup_relations (
      startup_id uuid NOT NULL REFERENCES applications.startups (id),
      organisation_id uuid NOT NULL REFERENCES identity.organisations (id),
      kind text NOT NULL CHECK (kind IN ('pilot', 'cohort')),
      since timestamptz NOT NULL,
      subject_id uuid NOT NULL,
      source_event_id uuid NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT startup_relations_pkey PRIMARY KEY (startup_id, organisation_id, kind)
    )`);
    await queryRunner.query(
      `INSERT INTO applications.startup_relations (startup_id, organisation_id, kind, since, subject_id)
       SELECT DISTINCT ON (p.startup_id, p.host_organisation_id) p.startup_id, p.host_organisation_id, 'pilot', p.approved_at, p.id
       FROM pilots.pilots p JOIN applications.startups s ON s.id = p.startup_id
       ORDER BY p.startup_id, p.host_organisation_id, p.approved_at, p.id`,
    );
    await queryRunner.query(
      `INSERT INTO applications.startup_relations (startup_id, organisation_id, kind, since, subject_id)
       SELECT DISTINCT ON (m.startup_id, pr.organiser_organisation_id) m.startup_id, pr.organiser_organisation_id, 'cohort',
              coalesce(m.responded_at, m.updated_at), c.id
       FROM cohorts.members m
       JOIN cohorts.cohorts c ON c.id = m.cohort_id
       JOIN applications.programmes pr ON pr.id = c.programme_id AND pr.organiser_organisation_id = c.organiser_organisation_id
       JOIN applications.startups s ON s.id = m.startup_id
       WHERE m.state IN ('accepted', 'dropped_out', 'graduated', 'not_graduated')
       ORDER BY m.startup_id, pr.organiser_organisation_id, coalesce(m.responded_at, m.updated_at), c.id`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE applications.startup_relations`);
  }
}
