import type { TemplatesFor } from './layout';
import { code } from './layout';

/**
 * Mails to reviewers. They say "an application", never whose: a blind review hides the startup, and
 * their content carries none to name.
 */
type ReviewerKind = 'review.assigned' | 'review.due_soon' | 'review.overdue';

const ASSIGNMENT_API = {
  en: ['Your assignments are in the console and at ', code('GET /v1/review-assignments'), '; submit your scores with ', code('POST /v1/review-assignments/{id}/review'), '.'],
  ko: ['배정된 심사는 콘솔 또는 API의 ', code('GET /v1/review-assignments'), '에서 확인하실 수 있습니다. 점수는 콘솔이나 API(', code('POST /v1/review-assignments/{id}/review'), ')를 통해 제출해 주십시오.'],
  ru: ['Ваши назначения доступны в консоли и через API: ', code('GET /v1/review-assignments'), '; оценки отправляются запросом ', code('POST /v1/review-assignments/{id}/review'), '.'],
} as const;

const CONFLICT_API = {
  en: ['If you have a conflict of interest with the applicant, do not review: declare it with ', code('POST /v1/conflicts-of-interest'), ' or abstain with ', code('POST /v1/review-assignments/{id}/abstain'), '.'],
  ko: ['지원 기업과 이해 충돌이 있는 경우 심사하지 마시고, 이해 충돌을 신고(', code('POST /v1/conflicts-of-interest'), ')하시거나 심사를 기권(', code('POST /v1/review-assignments/{id}/abstain'), ')해 주십시오.'],
  ru: ['Если у Вас есть конфликт интересов с заявителем, не проводите экспертизу: заявите о нём запросом ', code('POST /v1/conflicts-of-interest'), ' или откажитесь от оценки запросом ', code('POST /v1/review-assignments/{id}/abstain'), '.'],
} as const;

export const REVIEWER_MAILS: TemplatesFor<ReviewerKind> = {
  'review.assigned': {
    en: (c, f) => ({
      subject: `New review in ${f.name(c.programme)}: due ${f.instant(c.dueAt)}`,
      blocks: [
        `You have been assigned an application to review in ${f.name(c.programme)}.`,
        `Please submit your review by ${f.instant(c.dueAt)}.`,
        ASSIGNMENT_API.en,
        CONFLICT_API.en,
      ],
    }),
    ko: (c, f) => ({
      subject: `[${f.name(c.programme)}] 새 심사 배정: ${f.instant(c.dueAt)}까지`,
      blocks: [
        `${f.name(c.programme)}의 지원서 심사가 배정되었습니다.`,
        `${f.instant(c.dueAt)}까지 심사를 제출해 주십시오.`,
        ASSIGNMENT_API.ko,
        CONFLICT_API.ko,
      ],
    }),
    ru: (c, f) => ({
      subject: `Новая экспертиза в программе «${f.name(c.programme)}»: срок до ${f.instant(c.dueAt)}`,
      blocks: [
        `Вам назначена на экспертизу заявка в программе «${f.name(c.programme)}».`,
        `Просим Вас отправить оценку до ${f.instant(c.dueAt)}.`,
        ASSIGNMENT_API.ru,
        CONFLICT_API.ru,
      ],
    }),
  },

  'review.due_soon': {
    en: (c, f) => ({
      subject: `Reminder: your review in ${f.name(c.programme)} is due ${f.instant(c.dueAt)}`,
      blocks: [
        `This is a reminder that your review of an application in ${f.name(c.programme)} is due on ${f.instant(c.dueAt)} and has not been submitted yet.`,
        'Please submit it before then. If you cannot review this application, please abstain now so that the programme manager has time to assign it to someone else.',
        ASSIGNMENT_API.en,
      ],
    }),
    ko: (c, f) => ({
      subject: `[${f.name(c.programme)}] 심사 마감 임박: ${f.instant(c.dueAt)}까지`,
      blocks: [
        `${f.name(c.programme)} 지원서 심사의 제출 기한은 ${f.instant(c.dueAt)}이며, 아직 심사가 제출되지 않았습니다.`,
        '기한 전에 제출해 주십시오. 이 지원서를 심사하실 수 없는 경우, 프로그램 매니저가 다른 심사위원에게 배정할 수 있도록 지금 기권해 주시기 바랍니다.',
        ASSIGNMENT_API.ko,
      ],
    }),
    ru: (c, f) => ({
      subject: `Напоминание: срок экспертизы в программе «${f.name(c.programme)}» — до ${f.instant(c.dueAt)}`,
      blocks: [
        `Напоминаем, что срок экспертизы заявки в программе «${f.name(c.programme)}» истекает ${f.instant(c.dueAt)}, а оценка пока не отправлена.`,
        'Просим Вас отправить её до этого срока. Если Вы не можете оценить эту заявку, откажитесь от оценки сейчас, чтобы менеджер программы успел назначить другого эксперта.',
        ASSIGNMENT_API.ru,
      ],
    }),
  },

  'review.overdue': {
    en: (c, f) => ({
      subject: `Overdue review in ${f.name(c.programme)}: it was due ${f.instant(c.dueAt)}`,
      blocks: [
        `Your review of an application in ${f.name(c.programme)} was due on ${f.instant(c.dueAt)} and has not been submitted yet.`,
        'Please submit it as soon as possible. If you cannot review this application, please abstain so that the programme manager can assign it to someone else.',
        ASSIGNMENT_API.en,
      ],
    }),
    ko: (c, f) => ({
      subject: `[${f.name(c.programme)}] 심사 기한 경과: ${f.instant(c.dueAt)} 마감`,
      blocks: [
        `${f.name(c.programme)} 지원서 심사의 제출 기한(${f.instant(c.dueAt)})이 지났으나 아직 심사가 제출되지 않았습니다.`,
        '가능한 한 빨리 제출해 주십시오. 이 지원서를 심사하실 수 없는 경우, 프로그램 매니저가 다른 심사위원에게 배정할 수 있도록 기권해 주시기 바랍니다.',
        ASSIGNMENT_API.ko,
      ],
    }),
    ru: (c, f) => ({
      subject: `Просрочена экспертиза в программе «${f.name(c.programme)}»: срок истёк ${f.instant(c.dueAt)}`,
      blocks: [
        `Срок экспертизы заявки в программе «${f.name(c.programme)}» истёк ${f.instant(c.dueAt)}, но оценка пока не отправлена.`,
        'Просим Вас отправить её как можно скорее. Если Вы не можете оценить эту заявку, откажитесь от оценки, чтобы менеджер программы мог назначить другого эксперта.',
        ASSIGNMENT_API.ru,
      ],
    }),
  },
};
