import type { MailContent, MailKind, MailLanguage, MailLinks, MailRecipient, RenderedMail } from '../mail-content';
import { escapeHtml } from '../../common/html';
import type { Formatter } from './format';

/** Words inside a paragraph; `code` is an API route or similar, set apart in HTML. */
export type Inline = string | { readonly code: string };

/**
 * What a template writes: blocks of words, never markup. The frame turns the same blocks into the
 * plain-text and the HTML part, so the two cannot say different things and every word a template
 * interpolates is escaped for HTML in one place.
 */
export type Block =
  | Inline
  | readonly Inline[]
  | { readonly list: readonly string[] }
  | { readonly facts: readonly (readonly [label: string, value: string])[] }
  | { readonly quote: string };

export interface MailDraft {
  subject: string;
  blocks: readonly Block[];
}

export type Template<K extends MailKind> = (content: Extract<MailContent, { kind: K }>, f: Formatter) => MailDraft;

/** Every kind in the group, each in every language: a missing one is a type error. */
export type TemplatesFor<K extends MailKind> = { readonly [P in K]: Readonly<Record<MailLanguage, Template<P>>> };

export const code = (text: string): Inline => ({ code: text });

interface FrameWords {
  greeting: (name: string) => string;
  signOff: readonly [string, string];
  unsubscribe: string;
  securityNotice: string;
}

const FRAME: Record<MailLanguage, FrameWords> = {
  en: {
    greeting: (name) => `Dear ${name},`,
    signOff: ['Kind regards,', 'The Startup Exchange programme office'],
    unsubscribe: 'Stop e-mails of this kind',
    securityNotice:
      'This is a security notice. It is sent to every admin and partner liaison of your organisation and cannot be turned off.',
  },
  ko: {
    greeting: (name) => `${name} 님, 안녕하십니까.`,
    signOff: ['감사합니다.', 'Startup Exchange 프로그램 사무국 드림'],
    unsubscribe: '이 종류의 메일 수신 거부',
    securityNotice: '이 메일은 보안 알림으로, 귀 기관의 모든 관리자와 파트너 담당자에게 발송되며 수신을 해제할 수 없습니다.',
  },
  ru: {
    greeting: (name) => `Здравствуйте, ${name}!`,
    signOff: ['С уважением,', 'Офис программы Startup Exchange'],
    unsubscribe: 'Отказаться от писем такого рода',
    securityNotice:
      'Это уведомление о безопасности. Оно направляется всем администраторам и контактным лицам по партнёрству Вашей организации, и отключить его нельзя.',
  },
};

/** Control characters (other than line breaks and tabs) have no business in a mail body. */
const clean = (text: string) => text.replace(/\r\n?/g, '\n').replace(/(?![\n\t])\p{Cc}/gu, '');

/** One line: a subject is a header, and a line break in a startup's name must not start another one. */
const oneLine = (text: string) => clean(text).replace(/\s+/g, ' ').trim();

type Paragraph = Inline | readonly Inline[];

// Array.isArray does not narrow readonly arrays, hence the guard.
const isParagraph = (block: Block): block is Paragraph => typeof block === 'string' || Array.isArray(block) || 'code' in block;
const inlines = (block: Paragraph): readonly Inline[] => (Array.isArray(block) ? block : [block as Inline]);

function textBlock(block: Block): string {
  if (isParagraph(block)) {
    return inlines(block)
      .map((part) => clean(typeof part === 'string' ? part : part.code))
      .join('');
  }
  if ('list' in block) return block.list.map((item) => `• ${oneLine(item)}`).join('\n');
  if ('facts' in block) return block.facts.map(([label, value]) => `${oneLine(label)}: ${oneLine(value)}`).join('\n');
  return clean(block.quote)
    .split('\n')
    .map((line) => `> ${line}`.trimEnd())
    .join('\n');
}

const STYLE = {
  page: 'margin:0;padding:24px;background:#f4f4f4;',
  card: 'max-width:600px;margin:0 auto;padding:24px 28px;background:#ffffff;border-radius:6px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.55;color:#222222;',
  p: 'margin:0 0 16px;',
  code: 'font-family:Consolas,Menlo,monospace;font-size:13px;background:#f0f0f0;padding:1px 4px;border-radius:3px;',
  list: 'margin:0 0 16px;padding-left:22px;',
  table: 'border-collapse:collapse;margin:0 0 16px;',
  th: 'text-align:left;vertical-align:top;padding:2px 16px 2px 0;font-weight:bold;white-space:nowrap;',
  td: 'vertical-align:top;padding:2px 0;',
  quote: 'margin:0 0 16px;padding:8px 12px;border-left:3px solid #c8c8c8;background:#fafafa;color:#333333;',
  rule: 'border:none;border-top:1px solid #dddddd;margin:24px 0 12px;',
  footer: 'margin:0;font-size:12px;line-height:1.5;color:#666666;',
  link: 'color:#1a5fb4;',
};

/** Escaped text whose line breaks survive in HTML. */
const html = (text: string) => escapeHtml(clean(text)).replace(/\n/g, '<br>');

function htmlBlock(block: Block): string {
  if (isParagraph(block)) {
    const parts = inlines(block).map((part) =>
      typeof part === 'string' ? html(part) : `<code style="${STYLE.code}">${escapeHtml(oneLine(part.code))}</code>`,
    );
    return `<p style="${STYLE.p}">${parts.join('')}</p>`;
  }
  if ('list' in block) return `<ul style="${STYLE.list}">${block.list.map((item) => `<li>${escapeHtml(oneLine(item))}</li>`).join('')}</ul>`;
  if ('facts' in block) {
    const rows = block.facts.map(([label, value]) => `<tr><th style="${STYLE.th}">${escapeHtml(oneLine(label))}</th><td style="${STYLE.td}">${escapeHtml(oneLine(value))}</td></tr>`);
    return `<table role="presentation" style="${STYLE.table}">${rows.join('')}</table>`;
  }
  return `<blockquote style="${STYLE.quote}">${html(block.quote)}</blockquote>`;
}

/** Only our own web links become links: anything else in the footer is a bug, not something to click. */
function unsubscribeUrl(links: MailLinks): string | null {
  const url = links.unsubscribeUrl;
  if (url !== null && !/^https?:\/\/[^\s<>"]+$/i.test(url)) throw new Error(`unsubscribe URL must be an http(s) URL, got ${JSON.stringify(url)}`);
  return url;
}

/** The shared frame: greeting, the template's blocks, sign-off, and the footer that says how to stop them. */
export function frame(draft: MailDraft, recipient: MailRecipient, language: MailLanguage, links: MailLinks): RenderedMail {
  const words = FRAME[language];
  const subject = oneLine(draft.subject);
  const greeting = words.greeting(oneLine(recipient.displayName));
  const url = unsubscribeUrl(links);
  const blocks = draft.blocks.filter((b) => textBlock(b).trim() !== '');

  const text = [
    greeting,
    ...blocks.map(textBlock),
    words.signOff.join('\n'),
    '---',
    url === null ? words.securityNotice : `${words.unsubscribe}: ${url}`,
  ].join('\n\n');

  const footer =
    url === null
      ? escapeHtml(words.securityNotice)
      : `${escapeHtml(words.unsubscribe)}: <a href="${escapeHtml(url)}" style="${STYLE.link}">${escapeHtml(url)}</a>`;
  const body = [
    `<p style="${STYLE.p}">${html(greeting)}</p>`,
    ...blocks.map(htmlBlock),
    `<p style="${STYLE.p}">${words.signOff.map(html).join('<br>')}</p>`,
    `<hr style="${STYLE.rule}">`,
    `<p style="${STYLE.footer}">${footer}</p>`,
  ].join('\n');
  const page = [
    '<!doctype html>',
    `<html lang="${language}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title></head>`,
    `<body style="${STYLE.page}">`,
    `<div style="${STYLE.card}">`,
    body,
    '</div>',
    '</body>',
    '</html>',
  ].join('\n');

  return { subject, text: `${text}\n`, html: `${page}\n` };
}
