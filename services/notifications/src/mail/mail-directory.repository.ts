import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { entitiesFrom, MailRecipientRecord, preparedQuery, type Role } from '@exchange/data';
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
   * The people of an audience who get mail of this category (active, with an address, not opted out
   * of it; security mail ignores opt-outs), with the names the mail shows, in one statement: the
   * consumer pays for it on every event that mails someone. At most 500 people: an organisation is not
   * a mailing list. A name not known yet reads as its id, so a mail still says something exact.
   */
  async recipients(
    tx: EntityManager,
    audience: MailAudience,
    category: MailCategory,
    subjects: { programmeId: string | null; startupId: string | null },
  ): Promise<{ people: MailRecipientRecord[]; names: { programme: Named; startup: Named } }> {
    const [where, params] =
      audience.to === 'startup'
        ? ['p.startup_id = $4', [audience.startupId]]
        : audience.to === 'person'
          ? ['p.id = $4', [audience.personId]]
          : ['p.organisation_id = $4 AND p.role = ANY($5::text[])', [audience.organisationId, [...audience.roles]]];
    // Prepared (it runs on every event that mails someone), so its columns are named: a column added
    // later must not change the answer's shape under a connection's prepared statement.
    const { rows } = await preparedQuery(
      tx,
      `SELECT p.id, p.role, p.organisation_id, p.startup_id, p.display_name, p.email, p.language, p.time_zone, p.state, p.as_of,
              pr.name AS programme_name, pr.name_latin AS programme_latin, s.name AS startup_name, s.name_latin AS startup_latin
           FROM notifications.people p
           LEFT JOIN notifications.programmes pr ON pr.id = $2
           LEFT JOIN notifications.startups s ON s.id = $3
          WHERE ${where} AND p.state = 'active' AND p.email IS NOT NULL
            AND ($1 = 'security' OR NOT EXISTS (SELECT 1 FROM notifications.mail_opt_outs o WHERE o.person_id = p.id AND o.category = $1))
          ORDER BY p.id LIMIT 500`,
      [category, subjects.programmeId, subjects.startupId, ...params],
    );
    const first = rows[0] as { programme_name?: string | null; programme_latin?: string | null; startup_name?: string | null; startup_latin?: string | null } | undefined;
    return {
      people: entitiesFrom(tx, MailRecipientRecord, rows),
      names: {
        programme: { name: first?.programme_name ?? subjects.programmeId ?? '', nameLatin: first?.programme_latin ?? null },
        startup: { name: first?.startup_name ?? subjects.startupId ?? '', nameLatin: first?.startup_latin ?? null },
      },
    };
  }
}
