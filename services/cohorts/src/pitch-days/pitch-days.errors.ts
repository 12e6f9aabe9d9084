import { assertUnreachable, defineMessages, DomainError, mapDomainErrorsToHttp, registerCatalogue } from '@exchange/platform';

export enum PitchDayErrorCode {
  NotFound = 'PITCH_DAY.NOT_FOUND',
  AlreadyExists = 'PITCH_DAY.ALREADY_EXISTS',
  NotOpen = 'PITCH_DAY.NOT_OPEN',
  SessionClosed = 'PITCH_DAY.SESSION_CLOSED',
  SessionsOpen = 'PITCH_DAY.SESSIONS_OPEN',
  DuplicateSession = 'PITCH_DAY.DUPLICATE_SESSION',
  InvalidRubric = 'PITCH_DAY.INVALID_RUBRIC',
  NotInGroup = 'PITCH_DAY.NOT_IN_GROUP',
  SlotOutsideDay = 'PITCH_DAY.SLOT_OUTSIDE_DAY',
  SlotOverlap = 'PITCH_DAY.SLOT_OVERLAP',
  StartupDoubleBooked = 'PITCH_DAY.STARTUP_DOUBLE_BOOKED',
  NotAReviewer = 'PITCH_DAY.NOT_A_REVIEWER',
  AlreadyJuror = 'PITCH_DAY.ALREADY_JUROR',
  JurorRecused = 'PITCH_DAY.JUROR_RECUSED',
  SlotAbsent = 'PITCH_DAY.SLOT_ABSENT',
  NotInSession = 'PITCH_DAY.NOT_IN_SESSION',
  InvalidScores = 'PITCH_DAY.INVALID_SCORES',
  JurorConflicted = 'PITCH_DAY.JUROR_CONFLICTED',
  ResultsNotPublished = 'PITCH_DAY.RESULTS_NOT_PUBLISHED',
}

export class PitchDayError extends DomainError<PitchDayErrorCode> {}

const list = (items: string[] | undefined) => (items ?? []).join(', ');

/** The detail of each code in three languages, rendered from the error's details. */
export const pitchDayErrorMessages = registerCatalogue(
  'cohorts.pitch-day-errors',
  defineMessages({
    [PitchDayErrorCode.NotFound]: {
      en: (p: { subject: 'pitch_day' | 'session' | 'slot' }) => `${p.subject === 'pitch_day' ? 'pitch day' : p.subject === 'session' ? 'pitch session' : 'pitch slot'} not found`,
      ko: (p) => `${p.subject === 'pitch_day' ? '피칭 데이' : p.subject === 'session' ? '피칭 세션' : '피칭 순서'}를 찾을 수 없습니다`,
      ru: (p) => `${p.subject === 'pitch_day' ? 'День питчей' : p.subject === 'session' ? 'Питч-сессия' : 'Слот питча'} не найден(а)`,
    },
    [PitchDayErrorCode.AlreadyExists]: {
      en: () => 'this cohort already runs its selection as a pitch day',
      ko: () => '이 코호트는 이미 피칭 데이로 선발을 진행합니다',
      ru: () => 'Отбор этой когорты уже проводится как день питчей',
    },
    [PitchDayErrorCode.NotOpen]: {
      en: (p: { currentState: string }) => `the pitch day can no longer change: its cohort is ${p.currentState}`,
      ko: (p) => `피칭 데이를 더 이상 변경할 수 없습니다. 코호트 상태: '${p.currentState}'`,
      ru: (p) => `День питчей больше нельзя менять: когорта в состоянии «${p.currentState}»`,
    },
    [PitchDayErrorCode.SessionClosed]: {
      en: () => 'the pitch session is closed: its slots, jury and scores are final',
      ko: () => '피칭 세션이 종료되었습니다. 순서, 심사위원, 점수는 확정되었습니다',
      ru: () => 'Питч-сессия закрыта: слоты, жюри и оценки окончательны',
    },
    [PitchDayErrorCode.SessionsOpen]: {
      en: (p: { openSessionIds: string[] }) => `close every pitch session before committing the selection; still open: ${list(p.openSessionIds)}`,
      ko: (p) => `선발을 확정하기 전에 모든 피칭 세션을 종료하세요. 아직 열린 세션: ${list(p.openSessionIds)}`,
      ru: (p) => `Закройте все питч-сессии до утверждения отбора; ещё открыты: ${list(p.openSessionIds)}`,
    },
    [PitchDayErrorCode.DuplicateSession]: {
      en: (p: { pitchGroup: string }) => `the pitch group ${p.pitchGroup} already has a session`,
      ko: (p) => `피칭 그룹 ${p.pitchGroup}에는 이미 세션이 있습니다`,
      ru: (p) => `У питч-группы ${p.pitchGroup} уже есть сессия`,
    },
    [PitchDayErrorCode.InvalidRubric]: {
      en: (p: { repeated: string[] }) => `each criterion once: ${list(p.repeated)} repeated`,
      ko: (p) => `평가 항목은 한 번씩만 넣으세요. 중복: ${list(p.repeated)}`,
      ru: (p) => `Каждый критерий указывается один раз; повторяются: ${list(p.repeated)}`,
    },
    [PitchDayErrorCode.NotInGroup]: {
      en: (p: { startupId: string; pitchGroup: string }) => `${p.startupId} is not a candidate of this cohort in pitch group ${p.pitchGroup}`,
      ko: (p) => `${p.startupId}은(는) 이 코호트의 피칭 그룹 ${p.pitchGroup} 후보가 아닙니다`,
      ru: (p) => `${p.startupId} не является кандидатом этой когорты в питч-группе ${p.pitchGroup}`,
    },
    [PitchDayErrorCode.SlotOutsideDay]: {
      en: (p: { day: string; timeZone: string }) => `the slot must start and end on the session's day, ${p.day} in ${p.timeZone}`,
      ko: (p) => `순서는 세션 당일(${p.timeZone} 기준 ${p.day}) 안에서 시작하고 끝나야 합니다`,
      ru: (p) => `Слот должен начинаться и заканчиваться в день сессии: ${p.day} (${p.timeZone})`,
    },
    [PitchDayErrorCode.SlotOverlap]: {
      en: (p: { slotId: string }) => `the session already has a pitch at that time (slot ${p.slotId})`,
      ko: (p) => `세션의 같은 시간에 이미 피칭이 있습니다(순서 ${p.slotId})`,
      ru: (p) => `В это время в сессии уже есть питч (слот ${p.slotId})`,
    },
    [PitchDayErrorCode.StartupDoubleBooked]: {
      en: (p: { startupId: string; rule: 'one_slot_per_pitch_day' | 'overlap' }) =>
        p.rule === 'overlap' ? `startup ${p.startupId} already pitches at that time` : `startup ${p.startupId} already has a slot on this pitch day`,
      ko: (p) => (p.rule === 'overlap' ? `스타트업 ${p.startupId}은(는) 그 시간에 이미 피칭합니다` : `스타트업 ${p.startupId}은(는) 이 피칭 데이에 이미 순서가 있습니다`),
      ru: (p) => (p.rule === 'overlap' ? `Стартап ${p.startupId} в это время уже выступает` : `У стартапа ${p.startupId} уже есть слот в этот день питчей`),
    },
    [PitchDayErrorCode.NotAReviewer]: {
      en: (p: { principalId: string }) => `${p.principalId} is not an active reviewer of the organising organisation`,
      ko: (p) => `${p.principalId}은(는) 주관 기관의 활성 심사위원이 아닙니다`,
      ru: (p) => `${p.principalId} не является действующим рецензентом организации-организатора`,
    },
    [PitchDayErrorCode.AlreadyJuror]: {
      en: (p: { principalId: string; currentState: string }) => `${p.principalId} is already on this jury (${p.currentState})`,
      ko: (p) => `${p.principalId}은(는) 이미 이 심사위원단에 있습니다('${p.currentState}')`,
      ru: (p) => `${p.principalId} уже входит в это жюри (состояние «${p.currentState}»)`,
    },
    [PitchDayErrorCode.JurorRecused]: {
      en: (p: { scope: 'session' | 'startup' }) => (p.scope === 'session' ? 'you recused from this session' : 'you declared a conflict of interest with this startup'),
      ko: (p) => (p.scope === 'session' ? '이 세션에서 기피하셨습니다' : '이 스타트업과의 이해충돌을 신고하셨습니다'),
      ru: (p) => (p.scope === 'session' ? 'Вы взяли самоотвод в этой сессии' : 'Вы заявили о конфликте интересов с этим стартапом'),
    },
    [PitchDayErrorCode.SlotAbsent]: {
      en: () => 'the startup did not pitch (marked absent): there is nothing to score',
      ko: () => '스타트업이 피칭하지 않았습니다(불참). 채점할 것이 없습니다',
      ru: () => 'Стартап не выступал (отмечен как отсутствующий): оценивать нечего',
    },
    [PitchDayErrorCode.NotInSession]: {
      en: (p: { startupId: string }) => `startup ${p.startupId} does not pitch in this session`,
      ko: (p) => `스타트업 ${p.startupId}은(는) 이 세션에서 피칭하지 않습니다`,
      ru: (p) => `Стартап ${p.startupId} не выступает в этой сессии`,
    },
    [PitchDayErrorCode.InvalidScores]: {
      en: (p: { maxScore: number }) => `score every criterion of the rubric once, from 0 to ${p.maxScore} in whole or half points`,
      ko: (p) => `평가표의 모든 항목을 한 번씩 0부터 ${p.maxScore}까지 1점 또는 0.5점 단위로 채점하세요`,
      ru: (p) => `Оцените каждый критерий рубрики один раз, от 0 до ${p.maxScore}, целыми или половинными баллами`,
    },
    [PitchDayErrorCode.JurorConflicted]: {
      en: () => 'your organisation issued one of this startup’s certifications: a conflict of interest, as in reviews, so you do not score its pitch',
      ko: () => '귀하의 기관이 이 스타트업의 인증을 발급했습니다. 심사와 마찬가지로 이해충돌이므로 이 피칭을 채점하지 않습니다',
      ru: () => 'Ваша организация выдала один из сертификатов этого стартапа: это конфликт интересов, как и при рецензировании, поэтому вы не оцениваете его питч',
    },
    [PitchDayErrorCode.ResultsNotPublished]: {
      en: () => 'the pitch day’s results are not published yet: they are, once the cohort’s selection is committed',
      ko: () => '피칭 데이 결과가 아직 발표되지 않았습니다. 코호트 선발이 확정되면 발표됩니다',
      ru: () => 'Результаты дня питчей ещё не опубликованы: они публикуются, когда отбор когорты утверждён',
    },
  }),
  {
    [PitchDayErrorCode.NotFound]: { subject: 'session' },
    [PitchDayErrorCode.NotOpen]: { currentState: 'selecting' },
    [PitchDayErrorCode.SessionsOpen]: { openSessionIds: ['00000000-0000-4000-8000-000000000000'] },
    [PitchDayErrorCode.DuplicateSession]: { pitchGroup: 'A' },
    [PitchDayErrorCode.InvalidRubric]: { repeated: ['team'] },
    [PitchDayErrorCode.NotInGroup]: { startupId: '00000000-0000-4000-8000-000000000000', pitchGroup: 'A' },
    [PitchDayErrorCode.SlotOutsideDay]: { day: '2030-03-10', timeZone: 'Asia/Seoul' },
    [PitchDayErrorCode.SlotOverlap]: { slotId: '00000000-0000-4000-8000-000000000000' },
    [PitchDayErrorCode.StartupDoubleBooked]: { startupId: '00000000-0000-4000-8000-000000000000', rule: 'overlap' },
    [PitchDayErrorCode.NotAReviewer]: { principalId: '00000000-0000-4000-8000-000000000000' },
    [PitchDayErrorCode.AlreadyJuror]: { principalId: '00000000-0000-4000-8000-000000000000', currentState: 'recused' },
    [PitchDayErrorCode.JurorRecused]: { scope: 'startup' },
    [PitchDayErrorCode.NotInSession]: { startupId: '00000000-0000-4000-8000-000000000000' },
    [PitchDayErrorCode.InvalidScores]: { maxScore: 10 },
  },
);

mapDomainErrorsToHttp(PitchDayError, (code) => {
  switch (code) {
    case PitchDayErrorCode.NotFound:
      return 404;
    case PitchDayErrorCode.AlreadyExists:
    case PitchDayErrorCode.NotOpen:
    case PitchDayErrorCode.SessionClosed:
    case PitchDayErrorCode.SessionsOpen:
    case PitchDayErrorCode.DuplicateSession:
    case PitchDayErrorCode.SlotOverlap:
    case PitchDayErrorCode.StartupDoubleBooked:
    case PitchDayErrorCode.AlreadyJuror:
    case PitchDayErrorCode.JurorRecused:
    case PitchDayErrorCode.SlotAbsent:
    case PitchDayErrorCode.JurorConflicted:
    case PitchDayErrorCode.ResultsNotPublished:
      return 409;
    case PitchDayErrorCode.InvalidRubric:
    case PitchDayErrorCode.NotInGroup:
    case PitchDayErrorCode.SlotOutsideDay:
    case PitchDayErrorCode.NotAReviewer:
    case PitchDayErrorCode.NotInSession:
    case PitchDayErrorCode.InvalidScores:
      return 422;
    default:
      return assertUnreachable(code);
  }
}, pitchDayErrorMessages);

export const pitchDayNotFound = (subject: 'pitch_day' | 'session' | 'slot', id: string) =>
  new PitchDayError(PitchDayErrorCode.NotFound, `${subject.replace('_', ' ')} ${id} not found`, { subject });

export const pitchDayNotOpen = (currentState: string) =>
  new PitchDayError(PitchDayErrorCode.NotOpen, `the pitch day can no longer change: its cohort is ${currentState}`, { currentState });

export const sessionClosed = () => new PitchDayError(PitchDayErrorCode.SessionClosed, 'the pitch session is closed: its slots, jury and scores are final', { currentState: 'closed' });
