import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { MailMessage } from '@exchange/data';
import { SERVICE_CONFIG } from '@exchange/platform';
import type { NotificationsConfig } from '../config';

/** What came of handing a message to the SMTP server. */
export type SendOutcome = { ok: true; response: string } | { ok: false; permanent: boolean; error: string };

/**
 * A refusal is final when the server answers 5xx (no such mailbox, policy): trying again would be
 * refused again. A 4xx (mailbox busy, greylisting), a refused or lost connection or a timeout is
 * worth another try later.
 */
export function isPermanentRefusal(error: { responseCode?: unknown }): boolean {
  return typeof error.responseCode === 'number' && error.responseCode >= 500 && error.responseCode < 600;
}

/** The SMTP connection pool (`nodemailer`) every mail leaves through, to SMTP_URL. */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly transporter: Transporter;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig) {
    const timeout = config.MAIL_SMTP_TIMEOUT_MS;
    this.transporter = createTransport({ url: config.SMTP_URL, pool: true, maxConnections: 5, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
  }

  async send(message: MailMessage): Promise<SendOutcome> {
    const unsubscribe = message.unsubscribeUrl
      ? // RFC 2369 and RFC 8058: mail clients offer a one-click "unsubscribe" that POSTs to the link.
        { 'List-Unsubscribe': `<${message.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
      : {};
    try {
      const info = await this.transporter.sendMail({
        from: this.config.MAIL_FROM,
        to: message.toAddress,
        subject: message.subject,
        text: message.textBody,
        html: message.htmlBody,
        // The message id is stable across retries, so a receiving server can recognise a repeat.
        messageId: `<${message.id}@startup-exchange>`,
        headers: { ...unsubscribe, 'Content-Language': message.language, 'X-Exchange-Mail-Kind': message.kind },
      });
      return { ok: true, response: String((info as { response?: unknown }).response ?? 'accepted') };
    } catch (err) {
      const error = err as Error & { responseCode?: unknown; response?: unknown };
      return { ok: false, permanent: isPermanentRefusal(error), error: String(error.response ?? error.message).slice(0, 500) };
    }
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
