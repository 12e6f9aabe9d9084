import type { MigrationInterface, QueryRunner } from 'typeorm';

const SCHEMAS = ['pilots', 'cohorts'] as const;

/**
 * The programmes the pilots and cohorts services know (issue 12): learned from `programme.published`,
 * `programme.closed` and the programme carried by `application.accepted`, so that a programme id named
 * in a request (a site's programmes, a cohort's programme) is checked against what the service has
 * learned: its kind, its organiser and its partners. `as_of` is the time of the event the row comes
 * from, so an older event never overwrites a newer one.
 *
 * Programmes published before this migration were announced to services that ignored the event:
 * they are copied once from the applications schema (as of `-infinity`: any event about them wins).
 * Pilot sites keep only the programme ids the new rule would have accepted (known pilot programmes):
 * an id of a draft or of nothing, written before the check, must not bring a site startups later.
 */
export class ProgrammeProjections1764810000000 implements MigrationInterface {
  name = 'ProgrammeProjections1764810000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const schema of SCHEMAS) {
      await queryRunner.query(`CREATE TABLE ${schema}.programmes (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('pilot', 'accelerator')),
        organiser_org_id uuid NOT NULL,
        partner_org_ids uuid[] NOT NULL DEFAULT '{}',
        state text NOT NULL CHECK (state IN ('published', 'closed')),
        as_of timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
      await queryRunner.query(`CREATE INDEX programmes_organiser_idx ON ${schema}.programmes (organiser_org_id)`);
      await queryRunner.query(
        `INSERT INTO ${schema}.programmes (id, kind, organiser_org_id, partner_org_ids, state, as_of)
         SELECT id, kind, organiser_organisation_id, partner_organisation_ids, state, '-infinity'
         FROM applications.programmes WHERE state IN ('published', 'closed')`,
      );
    }
    await queryRunner.query(
      `UPDATE pilots.pilot_sites s SET programme_ids = ARRAY(
         SELECT x FROM unnest(s.programme_ids) x WHERE EXISTS (SELECT 1 FROM pilots.programmes p WHERE p.id = x AND p.kind = 'pilot'))
       WHERE EXISTS (SELECT 1 FROM unnest(s.programme_ids) x
         WHERE NOT EXISTS (SELECT 1 FROM pilots.programmes p WHERE p.id = x AND p.kind = 'pilot'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const schema of SCHEMAS) await queryRunner.query(`DROP TABLE ${schema}.programmes`);
  }
}
