import { defineMessages, localised, plural, registerCatalogue, type Language, type LocalisedText } from '@exchange/platform';

/** A score as people read it: up to two decimals, in the reader's number format. */
const score = (value: number, language: Language) => new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value);

type Ranked = { group: string; rank: number; pitchScore: number; maxScore: number };

/**
 * A startup's own pitch-day result, explained in its language (GET …/pitch-day/result). The code is
 * the outcome (`selected`, `waitlisted`) or, when it was not selected, the reason.
 */
export const pitchResultMessages = defineMessages({
  selected: {
    en: (p: Ranked) => `Selected: the jury ranked your pitch ${p.rank} in ${p.group} (mean score ${score(p.pitchScore, 'en')} of ${p.maxScore}); you were offered a place.`,
    ko: (p) => `선발되었습니다. 심사위원단이 ${p.group}에서 귀사의 피칭을 ${p.rank}위로 평가했습니다(평균 ${score(p.pitchScore, 'ko')}/${p.maxScore}점). 참가 제안을 받으셨습니다.`,
    ru: (p) => `Вы отобраны: жюри поставило ваш питч на ${p.rank}-е место в группе ${p.group} (средний балл ${score(p.pitchScore, 'ru')} из ${p.maxScore}); вам предложено место.`,
  },
  waitlisted: {
    en: (p: Ranked & { position: number }) =>
      `Waitlisted: the jury ranked your pitch ${p.rank} in ${p.group} (mean score ${score(p.pitchScore, 'en')} of ${p.maxScore}); you are number ${p.position} on the group’s waitlist.`,
    ko: (p) => `대기자로 선정되었습니다. 심사위원단이 ${p.group}에서 귀사의 피칭을 ${p.rank}위로 평가했습니다(평균 ${score(p.pitchScore, 'ko')}/${p.maxScore}점). 그룹 대기 순번은 ${p.position}번입니다.`,
    ru: (p) =>
      `Вы в листе ожидания: жюри поставило ваш питч на ${p.rank}-е место в группе ${p.group} (средний балл ${score(p.pitchScore, 'ru')} из ${p.maxScore}); ваш номер в листе ожидания группы — ${p.position}.`,
  },
  did_not_pitch: {
    en: () => 'Not selected: you had no pitch slot at this pitch day, and a startup that did not pitch is not selected.',
    ko: () => '선발되지 않았습니다. 이 피칭 데이에 피칭 순서가 없었으며, 피칭하지 않은 스타트업은 선발되지 않습니다.',
    ru: () => 'Вы не отобраны: у вас не было слота в этот день питчей, а стартап, который не выступал, не отбирается.',
  },
  absent: {
    en: () => 'Not selected: you were marked absent from your pitch, and a startup that did not pitch is not selected.',
    ko: () => '선발되지 않았습니다. 피칭에 불참한 것으로 기록되었으며, 피칭하지 않은 스타트업은 선발되지 않습니다.',
    ru: () => 'Вы не отобраны: вы были отмечены как отсутствующий на своём питче, а стартап, который не выступал, не отбирается.',
  },
  below_quorum: {
    en: (p: { jurors: number; minJurors: number }) =>
      `Not selected: your pitch was not scored, because ${p.jurors} ${p.jurors === 1 ? 'juror’s score' : 'jurors’ scores'} counted and the session’s quorum is ${p.minJurors}.`,
    ko: (p) => `선발되지 않았습니다. 유효한 심사위원 점수가 ${p.jurors}개로 세션의 정족수 ${p.minJurors}명에 못 미쳐 피칭이 채점되지 않았습니다.`,
    ru: (p) =>
      `Вы не отобраны: ваш питч не получил оценку, потому что засчитано ${p.jurors} ${plural('ru', p.jurors, { one: 'оценка', few: 'оценки', many: 'оценок', other: 'оценки' })} членов жюри, а кворум сессии — ${p.minJurors}.`,
  },
});

export type PitchResultCode = keyof typeof pitchResultMessages;

registerCatalogue('cohorts.pitch-results', pitchResultMessages, {
  selected: { group: 'Pitch day A', rank: 1, pitchScore: 8.5, maxScore: 10 },
  waitlisted: { group: 'Pitch day A', rank: 4, pitchScore: 7.25, maxScore: 10, position: 1 },
  below_quorum: { jurors: 1, minJurors: 2 },
});

/** The startup's result explained in its language, with the stable code beside the text. */
export function explainPitchResult(
  result: { outcome: 'selected' | 'waitlisted' | 'not_selected'; reason: 'did_not_pitch' | 'absent' | 'below_quorum' | null; group: string; rank: number | null; pitchScore: number | null; waitlistPosition: number | null; jurors: number },
  session: { maxScore: number; minJurors: number } | null,
  language: Language,
): LocalisedText {
  const ranked = () => ({ group: result.group, rank: result.rank ?? 0, pitchScore: result.pitchScore ?? 0, maxScore: session?.maxScore ?? 0 });
  if (result.outcome === 'selected') return localised(pitchResultMessages, 'selected', ranked(), language);
  if (result.outcome === 'waitlisted') return localised(pitchResultMessages, 'waitlisted', { ...ranked(), position: result.waitlistPosition ?? 0 }, language);
  if (result.reason === 'below_quorum') return localised(pitchResultMessages, 'below_quorum', { jurors: result.jurors, minJurors: session?.minJurors ?? 0 }, language);
  return localised(pitchResultMessages, result.reason === 'absent' ? 'absent' : 'did_not_pitch', undefined as never, language);
}
