import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { entitiesFrom, MailRecipientRecord, type Role } from '@exchange/data';
import { rowsOf } from '../common/sql';
import type { MailCategory, Named } from './mail-content';

/** A person as the `person.*` events describe them. */
export interface PersonFacts {
  id: string;
  role: Role;
  organisationId: string | null;
  startupId: string | null;
  displayName: string;
  email: string | null;
  preferredLanguage: string | null;
  timeZone: string | null;
  state: 'active' | 'disabled';
}

/** Whom a mail goes to: a startup's people, one person, or people of some roles in an organisation. */
export type MailAudience =
  | { to: 'startup'; startupId: string }
  | { to: 'person'; personId: string }
  | { to: 'organisation'; organisationId: string; roles: readonly Role[] };

/**
 * The notifications service's own view of whom it can mail and what mail names: people, startups'
 * names and programmes' names, each kept from events (an older event never overwrites a newer view).
 */
@Injectable()
export class MailDirectoryRepository {
  async recordPerson(tx: EntityManager, person: PersonFacts, asOf: string): Promise<void> {
    await tx.query(
      `INSERT INTO notifications.people AS p (id, role, organisation_id, startup_id, display_name, email, language, time_zone, state, as_of)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (id) DO UPDATE SET role = EXCLUDED.role, organisation_id = EXCLUDED.organisation_id, startup_id = EXCLUDED.startup_id,
         display_name = EXCLUDED.display_name, email = EXCLUDED.email, language = EXCLUDED.language, time_zone = EXCLUDED.time_zone,
         state = EXCLUDED.state, as_of = EXCLUDED.as_of
       WHERE p.as_of <= EXCLUDED.as_of`,
      [
        person.id,
        person.role,
        person.organisationId,
        person.startupId,
        person.displayName,
        person.email,
        person.preferredLanguage,
        person.timeZone,
        person.state,
        asOf,
      ],
    );
  }

  async recordStartup(tx: EntityManager, startup: { id: string } & Named, asOf: string): Promise<void> {
    await tx.query(
      `INSERT INTO notifications.startups AS s (id, name, name_latin, as_of) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, name_latin = EXCLUDED.name_latin, as_of = EXCLUDED.as_of
       WHERE s.as_of <= EXCLUDED.as_of`,
      [startup.id, startup.name, startup.nameLatin, asOf],
    );
  }

  /**
   * The people of an audience who get mail of this category: active, with an address, and not opted
   * out of it (security mail ignores opt-outs). At most 500: an organisation is not a mailing list.
   */
  async recipients(tx: EntityManager, audience: MailAudience, category: MailCategory): Promise<MailRecipientRecord[]> {
    const [where, params] =
      audience.to === 'startup'
        ? ['p.startup_id = $2', [audience.startupId]]
        : audience.to === 'person'
          ? ['p.id = $2', [audience.personId]]
          : ['p.organisation_id = $2 AND p.role = ANY($3::text[])', [audience.organisationId, [...audience.roles]]];
    const rows = rowsOf<Record<string, unknown>>(
      await tx.query(
        `SELECT p.* FROM notifications.people p
          WHERE ${where} AND p.state = 'active' AND p.email IS NOT NULL
            AND ($1 = 'security' OR NOT EXISTS (SELECT 1 FROM notifications.mail_opt_outs o WHERE o.person_id = p.id AND o.category = $1))
          ORDER BY p.id LIMIT 500`,
        [category, ...params],
      ),
    );
    return entitiesFrom(tx, MailRecipientRecord, rows);
  }

  /** A programme's and a startup's names; a name not known yet reads as its id, so a mail still says something exact. */
  async names(tx: EntityManager, programmeId: string | null, startupId: string | null): Promise<{ programme: Named; startup: Named }> {
    const rows = rowsOf<{ programme_name: string | null; programme_latin: string | null; startup_name: string | null; startup_latin: string | null }>(
      await tx.query(
        `SELECT (SELECT name FROM notifications.programmes WHERE id = $1) AS programme_name,
                (SELECT name_latin FROM notifications.programmes WHERE id = $1) AS programme_latin,
                (SELECT name FROM notifications.startups WHERE id = $2) AS startup_name,
                (SELECT name_latin FROM notifications.startups WHERE id = $2) AS startup_latin`,
        [programmeId, startupId],
      ),
    );
    const row = rows[0];
    return {
      programme: { name: row?.programme_name ?? programmeId ?? '', nameLatin: row?.programme_latin ?? null },
      startup: { name: row?.startup_name ?? startupId ?? '', nameLatin: row?.startup_latin ?? null },
    };
  }
}
