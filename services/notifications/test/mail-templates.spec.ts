import { MAIL_CATEGORY_OF, MAIL_LANGUAGES, type MailContent, type MailKind, type MailLanguage, type MailLinks, type MailRecipient, type Named } from '../src/mail/mail-content';
import { escapeHtml } from '../src/common/html';
import { displayName, formatterFor } from '../src/mail/templates/format';
import { renderMail } from '../src/mail/templates/render-mail';

const programme: Named = { name: '서울 헬스케어 실증 2030', nameLatin: 'Seoul Healthcare Pilots 2030' };
const startup: Named = { name: '서울바이오', nameLatin: 'Seoul Bio' };
const UNSUBSCRIBE = 'https://exchange.example/mail/unsubscribe?token=abc&category=cohorts';

/** One mail of every kind; a kind added to MailContent without a sample here does not compile. */
const SAMPLES: { [K in MailKind]: Extract<MailContent, { kind: K }> } = {
  'application.submitted': { kind: 'application.submitted', programme, startup, submittedAt: '2030-03-20T08:00:00.000Z' },
  'application.decided': { kind: 'application.decided', decision: 'accepted', programme, startup, reason: 'Top score; strong clinical fit.', decidedAt: '2030-03-25T10:30:00.000Z' },
  'pilot.proposed': { kind: 'pilot.proposed', programme, startup, reasons: ['Same technology focus', 'Site capacity available'] },
  'pilot.approved': { kind: 'pilot.approved', programme, startup, durationDays: 30, successCriteria: ['Median triage time drops by 20%', 'Staff satisfaction of at least 4'] },
  'pilot.scheduled': { kind: 'pilot.scheduled', programme, startup, startsOn: '2030-04-01', endsOn: '2030-04-30' },
  'pilot.report_due': { kind: 'pilot.report_due', programme, startup, endsOn: '2030-04-30' },
  'cohort.offer': { kind: 'cohort.offer', programme, startup, deadline: '2030-03-25T10:30:00.000Z', fromWaitlist: false },
  'cohort.offer_reminder': { kind: 'cohort.offer_reminder', programme, startup, deadline: '2030-03-25T10:30:00.000Z' },
  'cohort.graduated': { kind: 'cohort.graduated', programme, startup, graduated: true },
  'review.assigned': { kind: 'review.assigned', programme, dueAt: '2030-03-25T10:30:00.000Z' },
  'review.due_soon': { kind: 'review.due_soon', programme, dueAt: '2030-03-25T10:30:00.000Z' },
  'review.overdue': { kind: 'review.overdue', programme, dueAt: '2030-03-25T10:30:00.000Z' },
  'host.pilot_approved': { kind: 'host.pilot_approved', programme, startup, durationDays: 1, hostOwner: 'Анна Петрова' },
  'host.report_overdue': { kind: 'host.report_overdue', programme, startup, endedOn: '2030-07-31', severity: 'overdue' },
  'webhook.endpoint_disabled': { kind: 'webhook.endpoint_disabled', url: 'https://partner.example/webhooks/exchange', reason: 'no_success', disabledAt: '2030-03-25T10:30:00.000Z' },
  'webhook.rotation_ending': { kind: 'webhook.rotation_ending', url: 'https://partner.example/webhooks/exchange', endsAt: '2030-03-26T10:30:00.000Z' },
};

/** The other branches of the kinds whose wording depends on a field. */
const VARIANTS: MailContent[] = [
  { ...SAMPLES['application.decided'], decision: 'rejected' },
  { ...SAMPLES['application.decided'], decision: 'waitlisted' },
  { ...SAMPLES['cohort.offer'], fromWaitlist: true },
  { ...SAMPLES['cohort.graduated'], graduated: false },
  { ...SAMPLES['host.report_overdue'], severity: 'very_late' },
  { ...SAMPLES['webhook.endpoint_disabled'], reason: 'gone' },
];
const ALL: MailContent[] = [...Object.values(SAMPLES), ...VARIANTS];

const recipient = (language: MailLanguage, timeZone = 'Asia/Seoul'): MailRecipient => ({ displayName: 'Kim Min-ji', language, timeZone });
const linksFor = (content: MailContent): MailLinks => ({ unsubscribeUrl: MAIL_CATEGORY_OF[content.kind] === 'security' ? null : UNSUBSCRIBE });
const render = (content: MailContent, language: MailLanguage, timeZone?: string) => renderMail(content, recipient(language, timeZone), linksFor(content));
/** The kind and, for the variants, the field that picks the wording. */
function label(content: MailContent): string {
  const branch = Object.entries(content).find(([key]) => ['decision', 'fromWaitlist', 'graduated', 'severity'].includes(key) || (key === 'reason' && content.kind === 'webhook.endpoint_disabled'));
  return branch ? `${content.kind} (${branch[0]}: ${String(branch[1])})` : content.kind;
}

const HANGUL = /[\uac00-\ud7a3]/;
const CYRILLIC = /[\u0400-\u04ff]/;

describe('mail templates', () => {
  describe('every kind in every language', () => {
    const cases = ALL.flatMap((content) => MAIL_LANGUAGES.map((language) => [label(content), language, content] as const));

    it.each(cases)('%s renders in %s with nothing empty or leaked', (_label, language, content) => {
      const mail = render(content, language);
      for (const part of [mail.subject, mail.text, mail.html]) {
        expect(part.trim()).not.toBe('');
        expect(part).not.toMatch(/undefined|null|NaN|\[object|\$\{/);
      }
      expect(mail.subject).not.toMatch(/[\r\n]/);
      expect(mail.text).toContain('Kim Min-ji');
      expect(mail.html).toMatch(new RegExp(`^<!doctype html>\\n<html lang="${language}">`));
      expect(mail.html).toContain(`<title>${escapeHtml(mail.subject)}</title>`);
      // Self-contained: nothing for a mail client to fetch.
      expect(mail.html).not.toMatch(/<(img|script|link|iframe|style)\b|\bsrc=|url\(/i);
      if ('programme' in content) {
        expect(mail.text).toContain(displayName(content.programme));
        expect(mail.html).toContain(escapeHtml(displayName(content.programme)));
      }
    });

    it.each(ALL.map((content) => [label(content), content] as const))('%s reads differently in each language', (_label, content) => {
      const [en, ko, ru] = MAIL_LANGUAGES.map((language) => render(content, language));
      expect(new Set([en.subject, ko.subject, ru.subject]).size).toBe(3);
      expect(new Set([en.text, ko.text, ru.text]).size).toBe(3);
      expect(new Set([en.html, ko.html, ru.html]).size).toBe(3);
    });

    it('writes Korean in Hangul and Russian in Cyrillic, not only in the names', () => {
      const latin: Named = { name: 'Nova Health', nameLatin: null };
      for (const content of ALL) {
        const latinOnly = { ...content, ...('programme' in content ? { programme: latin } : {}), ...('startup' in content ? { startup: latin } : {}) } as MailContent;
        if (latinOnly.kind === 'host.pilot_approved') latinOnly.hostOwner = 'Anna Petrova';
        const en = render(latinOnly, 'en');
        const ko = render(latinOnly, 'ko');
        const ru = render(latinOnly, 'ru');
        expect([latinOnly.kind, HANGUL.test(ko.subject), HANGUL.test(ko.text), HANGUL.test(ko.html)]).toEqual([latinOnly.kind, true, true, true]);
        expect([latinOnly.kind, CYRILLIC.test(ru.subject), CYRILLIC.test(ru.text), CYRILLIC.test(ru.html)]).toEqual([latinOnly.kind, true, true, true]);
        expect([latinOnly.kind, HANGUL.test(en.text) || CYRILLIC.test(en.text)]).toEqual([latinOnly.kind, false]);
      }
    });

    it('greets formally in each language', () => {
      expect(render(SAMPLES['cohort.offer'], 'en').text).toMatch(/^Dear Kim Min-ji,\n/);
      expect(render(SAMPLES['cohort.offer'], 'ko').text).toMatch(/^Kim Min-ji 님, 안녕하십니까\.\n/);
      expect(render(SAMPLES['cohort.offer'], 'ru').text).toMatch(/^Здравствуйте, Kim Min-ji!\n/);
      expect(render(SAMPLES['cohort.offer'], 'ko').text).toContain('주십시오');
      expect(render(SAMPLES['cohort.offer'], 'ru').text).toContain('Вас');
    });
  });

  describe('names', () => {
    it('shows the native name with its Latin form beside it', () => {
      expect(displayName({ name: '서울바이오', nameLatin: 'Seoul Bio' })).toBe('서울바이오 (Seoul Bio)');
      expect(displayName({ name: 'МедиаЛаб', nameLatin: 'MediaLab' })).toBe('МедиаЛаб (MediaLab)');
    });

    it('shows the name alone when there is no Latin form or it only repeats the name', () => {
      expect(displayName({ name: 'Nova Health', nameLatin: null })).toBe('Nova Health');
      expect(displayName({ name: 'Nova Health', nameLatin: 'Nova Health' })).toBe('Nova Health');
      expect(displayName({ name: 'MediBridge', nameLatin: 'Medibridge ' })).toBe('MediBridge');
      expect(displayName({ name: '서울바이오', nameLatin: '  ' })).toBe('서울바이오');
    });

    it('uses that form in the mail', () => {
      const mail = render(SAMPLES['application.submitted'], 'en');
      expect(mail.subject).toBe('Application received: 서울바이오 (Seoul Bio) for 서울 헬스케어 실증 2030 (Seoul Healthcare Pilots 2030)');
    });
  });

  describe('dates', () => {
    const instant = '2030-03-25T10:30:00.000Z';

    it('shows the same instant in the recipient’s zone, with the zone', () => {
      const seoul = render(SAMPLES['review.assigned'], 'en', 'Asia/Seoul').text;
      const moscow = render(SAMPLES['review.assigned'], 'en', 'Europe/Moscow').text;
      expect(seoul).toContain('25 March 2030 at 19:30 GMT+9');
      expect(moscow).toContain('25 March 2030 at 13:30 GMT+3');
      expect(seoul).not.toContain('13:30');
      expect(moscow).not.toContain('19:30');
    });

    it('formats in the recipient’s language', () => {
      expect(formatterFor(recipient('ko', 'Asia/Seoul')).instant(instant)).toBe('2030년 3월 25일 19:30 GMT+9');
      expect(formatterFor(recipient('ru', 'Europe/Moscow')).instant(instant)).toBe('25 марта 2030 г. в 13:30 GMT+3');
      expect(formatterFor(recipient('en', 'Asia/Seoul')).instant('2030-03-24T16:05:00Z')).toBe('25 March 2030 at 01:05 GMT+9');
    });

    it('falls back to UTC for a time zone the runtime does not know', () => {
      for (const timeZone of ['Mars/Olympus_Mons', '', 'GMT+99']) {
        const mail = render(SAMPLES['cohort.offer'], 'en', timeZone);
        expect(mail.subject).toBe('Offer of a place in 서울 헬스케어 실증 2030 (Seoul Healthcare Pilots 2030): reply by 25 March 2030 at 10:30 UTC');
      }
    });

    it('keeps calendar dates on their day in every zone', () => {
      for (const timeZone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Seoul', 'America/Los_Angeles']) {
        const en = render(SAMPLES['pilot.scheduled'], 'en', timeZone).text;
        expect(en).toContain('Starts on: 1 April 2030');
        expect(en).toContain('Ends on: 30 April 2030');
        expect(en).not.toMatch(/31 March|2 April|29 April|1 May/);
        expect(render(SAMPLES['pilot.scheduled'], 'ko', timeZone).text).toContain('시작일: 2030년 4월 1일');
        expect(render(SAMPLES['pilot.scheduled'], 'ru', timeZone).text).toContain('Начало: 1 апреля 2030 г.');
        expect(render(SAMPLES['host.report_overdue'], 'en', timeZone).text).toContain('ended on 31 July 2030');
      }
    });

    it('refuses a malformed date rather than print a wrong one', () => {
      expect(() => render({ ...SAMPLES['pilot.scheduled'], startsOn: '2030-02-30' }, 'en')).toThrow(/calendar date/);
      expect(() => render({ ...SAMPLES['cohort.offer'], deadline: 'tomorrow' }, 'en')).toThrow(/ISO instant/);
    });

    it('puts plural forms of days right', () => {
      expect(['en', 'ko', 'ru'].map((language) => formatterFor(recipient(language as MailLanguage)).days(1))).toEqual(['1 day', '1일', '1 день']);
      expect(['en', 'ko', 'ru'].map((language) => formatterFor(recipient(language as MailLanguage)).days(30))).toEqual(['30 days', '30일', '30 дней']);
      expect(formatterFor(recipient('ru')).days(3)).toBe('3 дня');
      expect(formatterFor(recipient('ru')).days(21)).toBe('21 день');
    });
  });

  describe('escaping', () => {
    const hostile: Named = { name: '<script>alert("x")</script> & Co', nameLatin: null };

    it.each(MAIL_LANGUAGES)('escapes a name in HTML and keeps it verbatim in text (%s)', (language) => {
      const mail = render({ ...SAMPLES['application.submitted'], startup: hostile }, language);
      expect(mail.text).toContain('<script>alert("x")</script> & Co');
      expect(mail.subject).toContain('<script>alert("x")</script> & Co');
      expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
      expect(mail.html).toContain(`<title>${escapeHtml(mail.subject)}</title>`);
      expect(mail.html).not.toMatch(/<script/i);
    });

    it('escapes the manager’s reason and keeps its line breaks', () => {
      const reason = 'Strong team.\nBut see <b>clause 3</b> & "budget".';
      for (const language of MAIL_LANGUAGES) {
        const mail = render({ ...SAMPLES['application.decided'], decision: 'rejected', reason }, language);
        expect(mail.text).toContain('> Strong team.\n> But see <b>clause 3</b> & "budget".');
        expect(mail.html).toContain('Strong team.<br>But see &lt;b&gt;clause 3&lt;/b&gt; &amp; &quot;budget&quot;.');
        expect(mail.html).not.toContain('<b>');
      }
    });

    it('escapes the recipient’s name, a host owner and a webhook URL', () => {
      const mail = renderMail(
        { ...SAMPLES['webhook.endpoint_disabled'], url: 'https://partner.example/hook?a=1&b="><img src=x>' },
        { displayName: 'Eve <eve@example.com>', language: 'en', timeZone: 'UTC' },
        { unsubscribeUrl: null },
      );
      expect(mail.html).toContain('Dear Eve &lt;eve@example.com&gt;,');
      expect(mail.html).toContain('https://partner.example/hook?a=1&amp;b=&quot;&gt;&lt;img src=x&gt;');
      expect(mail.html).not.toMatch(/<img/);
      const host = render({ ...SAMPLES['host.pilot_approved'], hostOwner: 'O\'Brien <owner>' }, 'en');
      expect(host.html).toContain('O&#39;Brien &lt;owner&gt;');
    });

    it('keeps the subject on one line whatever a name holds', () => {
      const mail = render({ ...SAMPLES['cohort.offer'], startup: { name: 'Evil\r\nBcc: victim@example.com', nameLatin: null } }, 'en');
      expect(mail.subject).toMatch(/^Offer of a place in .*: reply by 25 March 2030 at 19:30 GMT\+9$/);
      expect(mail.subject).not.toMatch(/[\r\n]/);
      expect(render({ ...SAMPLES['application.submitted'], startup: { name: 'A\nB', nameLatin: null } }, 'en').subject).toContain('A B');
    });
  });

  describe('footer', () => {
    it.each(MAIL_LANGUAGES)('offers a way to stop optional mails, as text and as a link (%s)', (language) => {
      const mail = render(SAMPLES['cohort.offer'], language);
      const lastLine = mail.text.trimEnd().split('\n').at(-1) ?? '';
      expect(lastLine.endsWith(`: ${UNSUBSCRIBE}`)).toBe(true);
      expect(mail.html).toContain(`<a href="${escapeHtml(UNSUBSCRIBE)}"`);
      expect(mail.text).not.toMatch(/security notice|보안 알림|уведомление о безопасности/i);
    });

    it.each(MAIL_LANGUAGES)('says a security notice cannot be turned off, with no link (%s)', (language) => {
      const mail = render(SAMPLES['webhook.endpoint_disabled'], language);
      const lastLine = mail.text.trimEnd().split('\n').at(-1) ?? '';
      expect(lastLine).toMatch({ en: /security notice.*every admin and partner liaison.*cannot be turned off/, ko: /보안 알림.*관리자와 파트너 담당자.*해제할 수 없습니다/, ru: /уведомление о безопасности.*администраторам.*отключить его нельзя/ }[language]);
      expect(mail.html).not.toMatch(/<a\b|href=/);
      expect(mail.text).not.toContain('unsubscribe');
    });

    it('refuses a security notice with an unsubscribe link, and an optional mail without one', () => {
      expect(() => renderMail(SAMPLES['webhook.endpoint_disabled'], recipient('en'), { unsubscribeUrl: UNSUBSCRIBE })).toThrow(/security notice/);
      expect(() => renderMail(SAMPLES['cohort.offer'], recipient('en'), { unsubscribeUrl: null })).toThrow(/unsubscribe link/);
      expect(() => renderMail(SAMPLES['cohort.offer'], recipient('en'), { unsubscribeUrl: 'javascript:alert(1)' })).toThrow(/http\(s\) URL/);
    });
  });

  describe('what each mail says', () => {
    it('offers a place with its deadline and where to answer', () => {
      const mail = render(SAMPLES['cohort.offer'], 'en');
      expect(mail.subject).toBe('Offer of a place in 서울 헬스케어 실증 2030 (Seoul Healthcare Pilots 2030): reply by 25 March 2030 at 19:30 GMT+9');
      expect(mail.text).toContain('offer 서울바이오 (Seoul Bio) a place');
      expect(mail.text).toContain('accept or decline the offer by 25 March 2030 at 19:30 GMT+9');
      expect(mail.text).toContain('GET /v1/offers');
      expect(mail.html).toContain('<code style="font-family:Consolas,Menlo,monospace;font-size:13px;background:#f0f0f0;padding:1px 4px;border-radius:3px;">GET /v1/offers</code>');
      expect(mail.text).not.toContain('was on the waiting list');
      expect(render({ ...SAMPLES['cohort.offer'], fromWaitlist: true }, 'en').text).toContain('was on the waiting list');
      expect(render({ ...SAMPLES['cohort.offer'], fromWaitlist: true }, 'ko').text).toContain('대기자 명단에 있던');
      expect(render({ ...SAMPLES['cohort.offer'], fromWaitlist: true }, 'ru').text).toContain('находился в листе ожидания');
    });

    it('gives the decision and the manager’s reason in every language', () => {
      for (const language of MAIL_LANGUAGES) {
        for (const decision of ['accepted', 'rejected', 'waitlisted'] as const) {
          const text = render({ ...SAMPLES['application.decided'], decision }, language).text;
          expect(text).toContain('> Top score; strong clinical fit.');
        }
      }
      expect(render({ ...SAMPLES['application.decided'], decision: 'rejected' }, 'en').text).toContain('was not accepted');
      expect(render({ ...SAMPLES['application.decided'], decision: 'waitlisted' }, 'en').subject).toContain('waiting list');
    });

    it('lists reasons and success criteria, and leaves out a lead-in to an empty list', () => {
      expect(render(SAMPLES['pilot.approved'], 'en').text).toContain('• Median triage time drops by 20%\n• Staff satisfaction of at least 4');
      expect(render(SAMPLES['pilot.approved'], 'en').html).toContain('<li>Median triage time drops by 20%</li>');
      expect(render(SAMPLES['pilot.proposed'], 'ru').text).toContain('• Same technology focus');
      const none = render({ ...SAMPLES['pilot.proposed'], reasons: [] }, 'en');
      expect(none.text).not.toContain('Why this site was proposed');
      expect(none.html).not.toContain('<ul');
    });

    it('never names a startup to a reviewer, even if one slips into the content', () => {
      const slipped = { name: 'Hidden Startup', nameLatin: 'Hidden Latin' };
      for (const kind of ['review.assigned', 'review.due_soon', 'review.overdue'] as const) {
        for (const language of MAIL_LANGUAGES) {
          const mail = render({ ...SAMPLES[kind], startup: slipped } as unknown as MailContent, language);
          for (const part of [mail.subject, mail.text, mail.html]) {
            expect(part).not.toContain('Hidden');
            expect(part).not.toContain(startup.name);
            expect(part).not.toContain('Seoul Bio');
          }
        }
      }
    });

    it('tells the admins which endpoint was disabled, why, when, and how to bring it back', () => {
      const en = render(SAMPLES['webhook.endpoint_disabled'], 'en', 'Europe/Moscow').text;
      expect(en).toContain('Endpoint: https://partner.example/webhooks/exchange');
      expect(en).toContain('Reason: No delivery to it has succeeded for too long');
      expect(en).toContain('Disabled on: 25 March 2030 at 13:30 GMT+3');
      expect(en).toContain('Fix the receiver');
      expect(en).toContain('POST /v1/webhook-endpoints/{id}/resume');
      expect(render({ ...SAMPLES['webhook.endpoint_disabled'], reason: 'gone' }, 'ko').text).toContain('410 Gone');
      expect(render({ ...SAMPLES['webhook.endpoint_disabled'], reason: 'tls_expired' }, 'ru').text).toContain('Причина: tls_expired');
      for (const language of MAIL_LANGUAGES) {
        const text = render(SAMPLES['webhook.endpoint_disabled'], language).text;
        expect(text).toContain('https://partner.example/webhooks/exchange');
        expect(text).toContain('POST /v1/webhook-endpoints/{id}/resume');
      }
    });

    it('asks the host to file an overdue report, saying how late it is', () => {
      expect(render(SAMPLES['host.report_overdue'], 'en').subject).toContain('Final report overdue');
      expect(render({ ...SAMPLES['host.report_overdue'], severity: 'very_late' }, 'en').subject).toContain('Final report very late');
      expect(render(SAMPLES['host.report_overdue'], 'en').text).toContain('POST /v1/pilots/{id}/complete');
      expect(render(SAMPLES['host.pilot_approved'], 'ru').text).toContain('Продолжительность: 1 день');
    });
  });
});
