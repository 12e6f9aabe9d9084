import type { MailLanguage } from '../mail-content';
import type { TemplatesFor } from './layout';
import { code } from './layout';

/** Security notices to an organisation's admins and partner liaisons; nobody can opt out of them. */
type SecurityKind = 'webhook.endpoint_disabled' | 'webhook.rotation_ending';

/**
 * The disabler's reason codes in words. The type says only `string`, so an unknown reason is shown as
 * given rather than dropped.
 */
const REASONS: Record<MailLanguage, Record<string, string>> = {
  en: {
    gone: 'The receiver answered 410 Gone, asking us to stop sending',
    no_success: 'No delivery to it has succeeded for too long',
  },
  ko: {
    gone: '수신 서버의 410 Gone 응답(발송 중단 요청)',
    no_success: '장기간 전송 성공 없음',
  },
  ru: {
    gone: 'Получатель ответил 410 Gone, то есть попросил прекратить отправку',
    no_success: 'Слишком долго не удавалось доставить ни одного события',
  },
};

const reasonIn = (language: MailLanguage, reason: string) => (Object.hasOwn(REASONS[language], reason) ? REASONS[language][reason] : reason);

export const SECURITY_MAILS: TemplatesFor<SecurityKind> = {
  // The URL is the partner's own input: shown as text, never made a link.
  'webhook.endpoint_disabled': {
    en: (c, f) => ({
      subject: 'Security notice: a webhook endpoint of your organisation has been disabled',
      blocks: [
        'The exchange has disabled a webhook endpoint of your organisation. No events are sent to it while it is disabled, and deliveries that were waiting have been cancelled.',
        { facts: [['Endpoint', c.url], ['Reason', reasonIn('en', c.reason)], ['Disabled on', f.instant(c.disabledAt)]] },
        'What to do:',
        {
          list: [
            'Fix the receiver at this URL so that it accepts deliveries again (answers with a 2xx status).',
            'Re-enable the endpoint in the console or with POST /v1/webhook-endpoints/{id}/resume (GET /v1/webhook-endpoints shows its id).',
            'Ask for the events you missed in the meantime with POST /v1/webhook-endpoints/{id}/replay.',
          ],
        },
        ['If you no longer use this endpoint, you can delete it with ', code('DELETE /v1/webhook-endpoints/{id}'), '.'],
      ],
    }),
    ko: (c, f) => ({
      subject: '보안 알림: 귀 기관의 웹훅 엔드포인트가 비활성화되었습니다',
      blocks: [
        'Startup Exchange가 귀 기관의 웹훅 엔드포인트를 비활성화했습니다. 비활성화된 동안에는 이벤트가 전송되지 않으며, 대기 중이던 전송은 취소되었습니다.',
        { facts: [['엔드포인트', c.url], ['사유', reasonIn('ko', c.reason)], ['비활성화 일시', f.instant(c.disabledAt)]] },
        '조치 방법:',
        {
          list: [
            '이 URL의 수신 서버를 수정하여 다시 전송을 받을 수 있도록(2xx 상태로 응답하도록) 해 주십시오.',
            '콘솔 또는 API(POST /v1/webhook-endpoints/{id}/resume)에서 엔드포인트를 다시 활성화해 주십시오. 엔드포인트 ID는 GET /v1/webhook-endpoints에서 확인하실 수 있습니다.',
            '그동안 받지 못한 이벤트는 POST /v1/webhook-endpoints/{id}/replay로 다시 요청하실 수 있습니다.',
          ],
        },
        ['이 엔드포인트를 더 이상 사용하지 않으시면 콘솔 또는 API(', code('DELETE /v1/webhook-endpoints/{id}'), ')에서 삭제하실 수 있습니다.'],
      ],
    }),
    ru: (c, f) => ({
      subject: 'Уведомление о безопасности: отключён webhook-адрес Вашей организации',
      blocks: [
        'Сервис Startup Exchange отключил webhook-адрес Вашей организации. Пока он отключён, события на него не отправляются; ожидавшие отправки доставки отменены.',
        { facts: [['Адрес', c.url], ['Причина', reasonIn('ru', c.reason)], ['Время отключения', f.instant(c.disabledAt)]] },
        'Что нужно сделать:',
        {
          list: [
            'Исправьте получателя по этому адресу, чтобы он снова принимал доставки (отвечал статусом 2xx).',
            'Включите адрес снова в консоли или запросом POST /v1/webhook-endpoints/{id}/resume (его id показывает GET /v1/webhook-endpoints).',
            'Пропущенные за это время события можно запросить повторно: POST /v1/webhook-endpoints/{id}/replay.',
          ],
        },
        ['Если этот адрес больше не нужен, его можно удалить запросом ', code('DELETE /v1/webhook-endpoints/{id}'), '.'],
      ],
    }),
  },
  // Sent before the old secret stops signing, so a receiver still verifying with it is switched in time.
  'webhook.rotation_ending': {
    en: (c, f) => ({
      subject: 'Security notice: the previous signing secret of a webhook endpoint stops soon',
      blocks: [
        "The signing secret of one of your organisation's webhook endpoints was rotated. Until the time below, every delivery is signed with both the new and the previous secret; after it, only with the new one.",
        { facts: [['Endpoint', c.url], ['Previous secret stops signing', f.instant(c.endsAt)]] },
        'Make sure the receiver at this URL verifies with the new secret before then, or its deliveries will fail verification.',
      ],
    }),
    ko: (c, f) => ({
      subject: '보안 알림: 웹훅 엔드포인트의 이전 서명 시크릿이 곧 만료됩니다',
      blocks: [
        '귀 기관 웹훅 엔드포인트의 서명 시크릿이 교체되었습니다. 아래 시각까지는 모든 전송에 새 시크릿과 이전 시크릿으로 함께 서명하며, 그 이후에는 새 시크릿으로만 서명합니다.',
        { facts: [['엔드포인트', c.url], ['이전 시크릿 서명 종료', f.instant(c.endsAt)]] },
        '그 전에 이 URL의 수신 서버가 새 시크릿으로 검증하도록 설정해 주십시오. 그렇지 않으면 전송 검증에 실패합니다.',
      ],
    }),
    ru: (c, f) => ({
      subject: 'Уведомление о безопасности: прежний секрет подписи webhook-адреса скоро перестанет действовать',
      blocks: [
        'Секрет подписи одного из webhook-адресов Вашей организации был заменён. До указанного ниже времени каждая доставка подписывается и новым, и прежним секретом, после него — только новым.',
        { facts: [['Адрес', c.url], ['Прежний секрет перестаёт подписывать', f.instant(c.endsAt)]] },
        'Убедитесь, что получатель по этому адресу до этого времени начнёт проверять подпись новым секретом, иначе доставки не пройдут проверку.',
      ],
    }),
  },
};
