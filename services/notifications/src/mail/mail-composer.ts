import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AnyEventEnvelope } from '@exchange/contracts';
import { SERVICE_CONFIG } from '@exchange/platform';
import type { NotificationsConfig } from '../config';
import { MAIL_LANGUAGES, type MailLanguage } from './mail-content';
import { MailDirectoryRepository } from './mail-directory.repository';
import { MailMessagesRepository, type NewMailMessage } from './mail-messages.repository';
import { categoryOf, mailPlansOf, reminderCancelledBy, reminderOf, type MailPlan } from './mail-plans';
import { MailEnqueuer } from './mail-queue';
import { renderMail } from './templates/render-mail';
import { unsubscribeUrl } from './unsubscribe-links';

const languageOf = (value: string | null): MailLanguage => (MAIL_LANGUAGES as readonly string[]).includes(value ?? '') ? (value as MailLanguage) : 'en';

/**
 * Turns the events the notifications service consumes into mail to people, inside the consumer's
 * transaction (with its inbox row): it keeps the people and names it needs, schedules and cancels
 * reminders, and writes one outbox row per recipient, put into words in the recipient's language.
 * The jobs are enqueued once the transaction commits.
 */
@Injectable()
export class MailComposer {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig,
    private readonly directory: MailDirectoryRepository,
    private readonly messages: MailMessagesRepository,
    private readonly enqueuer: MailEnqueuer,
  ) {}

  async onEvent(event: AnyEventEnvelope, tx: EntityManager): Promise<string[]> {
    if (event.type === 'person.registered' || event.type === 'person.updated') {
      await this.directory.recordPerson(tx, event.data.person, event.time);
      return [];
    }
    if (event.type === 'startup.registered' || event.type === 'startup.updated') {
      await this.directory.recordStartup(tx, event.data.startup, event.time);
      return [];
    }
    const cancelled = reminderCancelledBy(event);
    if (cancelled) await this.messages.cancelReminder(tx, cancelled.kind, cancelled.subjectId);
    const reminder = reminderOf(event);
    if (reminder) await this.messages.scheduleReminder(tx, reminder.kind, reminder.subjectId, reminder.dueAt, event);
    const fromWaitlist = event.type === 'cohort.offer_made' && (await this.messages.wasWaitlisted(tx, event.data.startupId, event.data.cohortId));
    const written: string[] = [];
    for (const plan of mailPlansOf(event, { fromWaitlist })) written.push(...(await this.write(tx, event.id, plan)));
    return written;
  }

  /** Writes the mail of one plan for every recipient who gets it; answers the ids written now. */
  async write(tx: EntityManager, causeId: string, plan: MailPlan): Promise<string[]> {
    const category = categoryOf(plan.kind);
    const { people: recipients, names } = await this.directory.recipients(tx, plan.audience, category, plan);
    if (recipients.length === 0) return [];
    const content = plan.content(names);
    const rows: NewMailMessage[] = recipients.map((person) => {
      const language = languageOf(person.language);
      const link = unsubscribeUrl(this.config.MAIL_PUBLIC_URL, this.config.MAIL_LINK_SECRET, person.id, category);
      const mail = renderMail(content, { displayName: person.displayName, language, timeZone: person.timeZone ?? 'UTC' }, { unsubscribeUrl: link });
      return {
        causeId,
        kind: plan.kind,
        category,
        recipientId: person.id,
        organisationId: person.organisationId,
        startupId: person.startupId,
        toAddress: person.email!,
        language,
        subject: mail.subject,
        textBody: mail.text,
        htmlBody: mail.html,
        unsubscribeUrl: link,
      };
    });
    const ids = await this.messages.insert(tx, rows);
    await this.enqueuer.afterCommit(tx, ids);
    return ids;
  }
}
