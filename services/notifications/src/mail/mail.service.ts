import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MailMessage, MailRecipientRecord } from '@exchange/data';
import { fetchPage, SERVICE_CONFIG, unresolvedIdFilters, type AuthenticatedPrincipal, type Page } from '@exchange/platform';
import type { NotificationsConfig } from '../config';
import { MAIL_LANGUAGES, type MailLanguage } from './mail-content';
import { MailMessagesRepository } from './mail-messages.repository';
import { MailError, MailErrorCode } from './mail.errors';
import type { ListMailMessagesQuery, MailMessageDto } from './dto/mail.dto';
import { unsubscribePage } from './templates/unsubscribe-page';
import { readUnsubscribeToken, type UnsubscribeRequest } from './unsubscribe-links';

const iso = (d: Date | null) => d?.toISOString() ?? null;

function messageView(m: MailMessage): MailMessageDto {
  return {
    id: m.id,
    kind: m.kind,
    category: m.category as MailMessageDto['category'],
    causeId: m.causeId,
    recipientId: m.recipientId,
    toAddress: m.toAddress,
    language: m.language as MailLanguage,
    subject: m.subject,
    state: m.state,
    attemptCount: m.attemptCount,
    lastError: m.lastError,
    sentAt: iso(m.sentAt),
    failedAt: iso(m.failedAt),
    createdAt: m.createdAt.toISOString(),
  };
}

/** The mail log an organisation's admin reads, and the unsubscribe links people follow. */
@Injectable()
export class MailService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly messages: MailMessagesRepository,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  /** The mail sent to the people of the caller's organisation, newest first. */
  async list(principal: AuthenticatedPrincipal, q: ListMailMessagesQuery): Promise<Page<MailMessageDto>> {
    const organisationId = principal.organisationId ?? '00000000-0000-0000-0000-000000000000';
    const unresolved = await unresolvedIdFilters(q, {
      recipientId: (id) => this.dataSource.getRepository(MailRecipientRecord).existsBy({ id, organisationId }),
    });
    if (unresolved.length > 0) throw new MailError(MailErrorCode.UnknownFilterId, `Unknown ${unresolved.map((e) => e.field).join(', ')}`, { errors: unresolved });
    const qb = this.dataSource.getRepository(MailMessage).createQueryBuilder('m').where('m.organisationId = :organisationId', { organisationId });
    if (q.state) qb.andWhere('m.state = :state', { state: q.state });
    if (q.kind) qb.andWhere('m.kind = :kind', { kind: q.kind });
    if (q.recipientId) qb.andWhere('m.recipientId = :recipientId', { recipientId: q.recipientId });
    return fetchPage(qb, 'm', { cursor: q.cursor, limit: q.limit ?? 50 }, messageView, { newestFirst: true });
  }

  /** The page of an unsubscribe link: the question (GET), or the confirmation once it is done (POST). */
  async unsubscribe(token: string, step: 'ask' | 'confirm'): Promise<string> {
    const request = readUnsubscribeToken(this.config.MAIL_LINK_SECRET, token);
    const person = request ? await this.dataSource.getRepository(MailRecipientRecord).findOneBy({ id: request.personId }) : null;
    if (!request || !person) throw new MailError(MailErrorCode.LinkNotValid, 'This unsubscribe link is not valid: use the link of a recent e-mail');
    const language: MailLanguage = (MAIL_LANGUAGES as readonly string[]).includes(person.language ?? '') ? (person.language as MailLanguage) : 'en';
    if (step === 'ask') return unsubscribePage(language, request.category, { ask: this.linkOf(token) });
    await this.messages.optOut(request.personId, request.category satisfies UnsubscribeRequest['category']);
    return unsubscribePage(language, request.category, 'done');
  }

  private linkOf(token: string): string {
    return `/v1/mail/unsubscribe?token=${encodeURIComponent(token)}`;
  }
}
