import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { entitiesFrom, MailMessage, MailReminder, rowGuard } from '@exchange/data';
import { rowsOf } from '../common/sql';
import type { MailCategory, MailKind, MailLanguage } from './mail-content';

/** A mail ready to be written to the outbox. */
export interface NewMailMessage {
  causeId: string;
  kind: MailKind;
  category: MailCategory;
  recipientId: string;
  organisationId: string | null;
  startupId: string | null;
  toAddress: string;
  language: MailLanguage;
  subject: string;
  textBody: string;
  htmlBody: string;
  unsubscribeUrl: string | null;
}

const MESSAGE_COLUMNS = [
  'cause_id',
  'kind',
  'category',
  'recipient_id',
  'organisation_id',
  'startup_id',
  'to_address',
  'language',
  'subject',
  'text_body',
  'html_body',
  'unsubscribe_url',
] as const;

/** The mail outbox, opt-outs and reminders: the notifications service's SQL for mail to people. */
@Injectable()
export class MailMessagesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Writes the messages in one statement; one that exists for (cause, recipient, kind) is not written
   * again (a redelivered event mails nobody twice). Returns the ids of the messages written now.
   */
  async insert(tx: EntityManager, messages: readonly NewMailMessage[]): Promise<string[]> {
    if (messages.length === 0) return [];
    const params: unknown[] = [];
    const values = messages.map((m) => {
      const row = [m.causeId, m.kind, m.category, m.recipientId, m.organisationId, m.startupId, m.toAddress, m.language, m.subject, m.textBody, m.htmlBody, m.unsubscribeUrl];
      const placeholders = row.map((value) => {
        params.push(value);
        return `$${params.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    const rows = rowsOf<{ id: string }>(
      await tx.query(
        `INSERT INTO notifications.mail_messages (${MESSAGE_COLUMNS.join(', ')}) VALUES ${values.join(', ')}
         ON CONFLICT ON CONSTRAINT mail_messages_once DO NOTHING RETURNING id`,
        params,
      ),
    );
    return rows.map((r) => r.id);
  }

  async findPending(id: string): Promise<MailMessage | null> {
    const rows = rowsOf<Record<string, unknown>>(await this.dataSource.query(`SELECT * FROM notifications.mail_messages WHERE id = $1 AND ${rowGuard("state = 'pending'")}`, [id]));
    return entitiesFrom(this.dataSource.manager, MailMessage, rows)[0] ?? null;
  }

  /** The SMTP server took it. Only a pending message changes: a job run twice records one success. */
  async markSent(id: string, smtpResponse: string): Promise<boolean> {
    const rows = rowsOf(
      await this.dataSource.query(
        `UPDATE notifications.mail_messages SET state = 'sent', sent_at = now(), attempt_count = attempt_count + 1, smtp_response = left($2, 500),
           last_error = NULL, updated_at = now() WHERE id = $1 AND ${rowGuard("state = 'pending'")} RETURNING id`,
        [id, smtpResponse],
      ),
    );
    return rows.length === 1;
  }

  /** An attempt that failed: the message stays pending for the next try, or is failed for good. */
  async recordFailure(id: string, error: string, final: boolean): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications.mail_messages SET attempt_count = attempt_count + 1, last_error = left($2, 500), updated_at = now(),
         state = CASE WHEN $3 THEN 'failed' ELSE state END, failed_at = CASE WHEN $3 THEN now() ELSE failed_at END
       WHERE id = $1 AND ${rowGuard("state = 'pending'")}`,
      [id, error, final],
    );
  }

  /** Pending messages untouched for `graceMs`: their job was lost between commit and enqueue. */
  async findOrphans(graceMs: number, limit: number): Promise<string[]> {
    const rows = rowsOf<{ id: string }>(
      await this.dataSource.query(
        `SELECT id FROM notifications.mail_messages WHERE state = 'pending' AND updated_at < now() - make_interval(secs => $1 / 1000.0)
         ORDER BY created_at LIMIT $2`,
        [graceMs, limit],
      ),
    );
    return rows.map((r) => r.id);
  }

  async optOut(personId: string, category: Exclude<MailCategory, 'security'>): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO notifications.mail_opt_outs (person_id, category) VALUES ($1, $2) ON CONFLICT (person_id, category) DO NOTHING`,
      [personId, category],
    );
  }

  /** Schedules a reminder once per (kind, subject); the event that asked for it is kept to compose it. */
  async scheduleReminder(tx: EntityManager, kind: string, subjectId: string, dueAt: Date, scheduledBy: unknown): Promise<void> {
    await tx.query(
      `INSERT INTO notifications.mail_reminders (kind, subject_id, due_at, data) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT ON CONSTRAINT mail_reminders_once DO NOTHING`,
      [kind, subjectId, dueAt, JSON.stringify(scheduledBy)],
    );
  }

  /**
   * Schedules the one reminder of its kind for this subject, replacing any earlier one (a secret
   * rotated again): the new row has a new id, so its mail is a new message even if the old one went.
   */
  async replaceReminder(tx: EntityManager, kind: string, subjectId: string, dueAt: Date, data: unknown): Promise<void> {
    await tx.query(`DELETE FROM notifications.mail_reminders WHERE kind = $1 AND subject_id = $2`, [kind, subjectId]);
    await this.scheduleReminder(tx, kind, subjectId, dueAt, data);
  }

  async cancelReminder(tx: EntityManager, kind: string, subjectId: string): Promise<void> {
    await tx.query(`UPDATE notifications.mail_reminders SET state = 'cancelled' WHERE kind = $1 AND subject_id = $2 AND state = 'pending'`, [kind, subjectId]);
  }

  /**
   * Claims reminders due at `now`, marking them sent in the caller's transaction (which writes their
   * mail): rows another instance holds are skipped, so each reminder goes out once, whoever sweeps.
   */
  async claimDueReminders(tx: EntityManager, now: Date, limit: number): Promise<MailReminder[]> {
    const rows = rowsOf<Record<string, unknown>>(
      await tx.query(
        `UPDATE notifications.mail_reminders SET state = 'sent' WHERE id IN (
           SELECT id FROM notifications.mail_reminders WHERE state = 'pending' AND due_at <= $1 ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED
         ) RETURNING *`,
        [now, limit],
      ),
    );
    return entitiesFrom(tx, MailReminder, rows);
  }

  /** Whether the startup was waitlisted in this cohort before: its offer is then a waitlist promotion. */
  async wasWaitlisted(tx: EntityManager, startupId: string, cohortId: string): Promise<boolean> {
    const rows = rowsOf(
      await tx.query(
        `SELECT 1 FROM notifications.events WHERE type = 'cohort.waitlisted' AND key = $1 AND data->>'cohortId' = $2 LIMIT 1`,
        [startupId, cohortId],
      ),
    );
    return rows.length > 0;
  }
}
