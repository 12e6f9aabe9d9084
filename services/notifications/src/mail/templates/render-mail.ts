import { MAIL_CATEGORY_OF, MAIL_LANGUAGES, type MailContent, type MailKind, type MailLanguage, type MailLinks, type MailRecipient, type RenderedMail } from '../mail-content';
import { formatterFor } from './format';
import { HOST_MAILS } from './host-mails';
import { frame, type MailDraft, type TemplatesFor } from './layout';
import { REVIEWER_MAILS } from './reviewer-mails';
import { SECURITY_MAILS } from './security-mails';
import { STARTUP_MAILS } from './startup-mails';

/** Every kind of mail in every language; a kind added to `MailContent` without its words does not compile. */
const TEMPLATES: TemplatesFor<MailKind> = { ...STARTUP_MAILS, ...REVIEWER_MAILS, ...HOST_MAILS, ...SECURITY_MAILS };

function draft<K extends MailKind>(content: Extract<MailContent, { kind: K }>, language: MailLanguage, recipient: MailRecipient): MailDraft {
  const templates: TemplatesFor<MailKind>[K] | undefined = TEMPLATES[content.kind as K];
  if (!templates) throw new Error(`no mail template for kind ${JSON.stringify(content.kind)}`);
  return templates[language](content, formatterFor({ ...recipient, language }));
}

/**
 * A mail put into words for one recipient: subject, plain text and HTML, in their language and zone.
 * Security notices carry no unsubscribe link and every other mail must: a mismatch is the caller's
 * bug, and sending it would either lie about opting out or offer none where the law wants one.
 */
export function renderMail(content: MailContent, recipient: MailRecipient, links: MailLinks): RenderedMail {
  const security = MAIL_CATEGORY_OF[content.kind] === 'security';
  if (security !== (links.unsubscribeUrl === null)) {
    throw new Error(
      security
        ? `${content.kind} is a security notice: it must not carry an unsubscribe link`
        : `${content.kind} can be turned off: it needs an unsubscribe link`,
    );
  }
  // The type allows only our three, but a stale profile read from the database may hold another.
  const language: MailLanguage = MAIL_LANGUAGES.includes(recipient.language) ? recipient.language : 'en';
  return frame(draft(content, language, recipient), recipient, language, links);
}
