import { escapeHtml } from '../../common/html';
import type { MailCategory, MailLanguage } from '../mail-content';

type OptionalCategory = Exclude<MailCategory, 'security'>;

const CATEGORY_NAMES: Record<MailLanguage, Record<OptionalCategory, string>> = {
  en: { applications: 'your applications', reviews: 'your reviews', pilots: 'pilot tests', cohorts: 'accelerator cohorts' },
  ko: { applications: '지원서', reviews: '심사', pilots: '실증(파일럿)', cohorts: '액셀러레이터 코호트' },
  ru: { applications: 'ваши заявки', reviews: 'ваши экспертизы', pilots: 'пилотные испытания', cohorts: 'акселерационные программы' },
};

const WORDS: Record<MailLanguage, { title: string; ask: (what: string) => string; button: string; done: (what: string) => string; security: string }> = {
  en: {
    title: 'Startup Exchange e-mail',
    ask: (what) => `Stop e-mails about ${what}?`,
    button: 'Stop these e-mails',
    done: (what) => `You will no longer receive e-mails about ${what}.`,
    security: 'Security notices (such as a disabled webhook endpoint) are always sent.',
  },
  ko: {
    title: 'Startup Exchange 이메일',
    ask: (what) => `${what} 관련 이메일 수신을 중단하시겠습니까?`,
    button: '수신 중단',
    done: (what) => `앞으로 ${what} 관련 이메일을 보내 드리지 않습니다.`,
    security: '보안 알림(웹훅 엔드포인트 비활성화 등)은 항상 발송됩니다.',
  },
  ru: {
    title: 'Письма Startup Exchange',
    ask: (what) => `Больше не присылать письма о теме «${what}»?`,
    button: 'Отписаться',
    done: (what) => `Письма о теме «${what}» больше приходить не будут.`,
    security: 'Уведомления о безопасности (например, об отключении адреса вебхуков) приходят всегда.',
  },
};

/**
 * The page an unsubscribe link opens: a question and a button (a GET must not unsubscribe: mail
 * scanners open links), then the confirmation, in the person's language.
 */
export function unsubscribePage(language: MailLanguage, category: OptionalCategory, step: { ask: string } | 'done'): string {
  const words = WORDS[language];
  const what = CATEGORY_NAMES[language][category];
  const body =
    step === 'done'
      ? `<p>${escapeHtml(words.done(what))}</p>`
      : `<p>${escapeHtml(words.ask(what))}</p>
<form method="post" action="${escapeHtml(step.ask)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${escapeHtml(words.button)}</button></form>`;
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(words.title)}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
<h1 style="font-size: 1.3rem">${escapeHtml(words.title)}</h1>
${body}
<p style="color: #555; font-size: 0.9rem">${escapeHtml(words.security)}</p>
</body></html>`;
}
