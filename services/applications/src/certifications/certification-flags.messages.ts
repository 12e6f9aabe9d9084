import { defineMessages, registerCatalogue } from '@exchange/platform';
import { kindName, localTime } from '../applications/eligibility.messages';

/** What a programme's managers read about a flagged application, by the flag's reason. */
type Ended = { kind: string; grade: string | null; issuer: string; at: string; timeZone: string };

const graded = (grade: string | null, word: string) => (grade ? ` (${word} ${grade})` : '');

export const flagMessages = registerCatalogue(
  'certifications.flags',
  defineMessages({
    certification_revoked: {
      en: (p: Ended & { reason: string | null }) =>
        `The ${kindName(p.kind, 'en')}${graded(p.grade, 'grade')} issued by ${p.issuer} was revoked at ${localTime(p.at, p.timeZone, 'en')}${p.reason ? `: ${p.reason}` : ''}. This application relied on it; review it again.`,
      ko: (p) =>
        `${p.issuer}이(가) 발급한 ${kindName(p.kind, 'ko')}${graded(p.grade, '등급')}이(가) ${localTime(p.at, p.timeZone, 'ko')}에 취소되었습니다${p.reason ? `: ${p.reason}` : ''}. 이 신청서는 해당 인증서에 근거하므로 다시 검토해 주세요.`,
      ru: (p) =>
        `Документ «${kindName(p.kind, 'ru')}»${graded(p.grade, 'уровень')}, выданный ${p.issuer}, отозван ${localTime(p.at, p.timeZone, 'ru')}${p.reason ? `: ${p.reason}` : ''}. Заявка опиралась на него; рассмотрите её заново.`,
    },
    certification_expired: {
      en: (p: Ended) =>
        `The ${kindName(p.kind, 'en')}${graded(p.grade, 'grade')} issued by ${p.issuer} stopped being valid at ${localTime(p.at, p.timeZone, 'en')}. This application relied on it; review it again.`,
      ko: (p) =>
        `${p.issuer}이(가) 발급한 ${kindName(p.kind, 'ko')}${graded(p.grade, '등급')}의 유효 기간이 ${localTime(p.at, p.timeZone, 'ko')}에 끝났습니다. 이 신청서는 해당 인증서에 근거하므로 다시 검토해 주세요.`,
      ru: (p) =>
        `Срок действия документа «${kindName(p.kind, 'ru')}»${graded(p.grade, 'уровень')}, выданного ${p.issuer}, истёк ${localTime(p.at, p.timeZone, 'ru')}. Заявка опиралась на него; рассмотрите её заново.`,
    },
  }),
  {
    certification_revoked: { kind: 'innovation_certificate', grade: 'AA', issuer: '한국혁신협회', at: '2026-04-01T12:00:00.000Z', timeZone: 'Asia/Seoul', reason: 'Audit' },
    certification_expired: { kind: 'innovation_certificate', grade: null, issuer: 'Korea Innovation Association', at: '2026-04-01T12:00:00.000Z', timeZone: 'Europe/Moscow' },
  },
);
