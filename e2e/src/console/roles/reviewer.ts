/** What a reviewer does in the console: open the assignment and score it against the rubric. */
import type { ConsolePerson } from '../console-person';
import { saveScreenshot } from '../screenshots';
import { textsFor, type TextsByLanguage } from './texts';

const TEXT: TextsByLanguage<{
  myReviews: string;
  application: (ref: string) => string;
  toReview: string;
  scoreFor: (criterion: string) => string;
  overallComment: string;
  submit: string;
  submitted: string;
}> = {
  en: {
    myReviews: 'My reviews',
    application: (ref) => `Application ${ref}`,
    toReview: 'To review',
    scoreFor: (criterion) => `Score for ${criterion}`,
    overallComment: 'Overall comment (optional)',
    submit: 'Submit review',
    submitted: 'Your review was submitted.',
  },
  ru: {
    myReviews: 'Мои рецензии',
    application: (ref) => `Заявка ${ref}`,
    toReview: 'Ждёт рецензии',
    scoreFor: (criterion) => `Оценка: ${criterion}`,
    overallComment: 'Общий комментарий (необязательно)',
    submit: 'Отправить рецензию',
    submitted: 'Ваша рецензия отправлена.',
  },
  ko: {
    myReviews: '내 심사',
    application: (ref) => `신청서 ${ref}`,
    toReview: '심사 대기',
    scoreFor: (criterion) => `${criterion} 점수`,
    overallComment: '종합 의견(선택)',
    submit: '심사 제출',
    submitted: '심사를 제출했습니다.',
  },
};

/**
 * From "my reviews" to the assignment of the application, scored criterion by criterion (the
 * rubric's labels, as the manager wrote them) with an overall comment.
 */
export async function scoreApplication(
  reviewer: ConsolePerson,
  applicationId: string,
  review: { scores: Array<{ criterion: string; score: number }>; comment: string },
  options: { screenshot?: string } = {},
): Promise<void> {
  const t = textsFor(reviewer, TEXT);
  const page = reviewer.page;
  await reviewer.openMenu(t.myReviews);
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: t.application(applicationId.slice(0, 8)) }) });
  await row.filter({ hasText: t.toReview }).waitFor();
  await reviewer.checkScreen('my reviews');
  await row.getByRole('link').click();
  for (const { criterion, score } of review.scores) await page.getByLabel(t.scoreFor(criterion), { exact: true }).fill(String(score));
  await page.getByLabel(t.overallComment, { exact: true }).fill(review.comment);
  await reviewer.checkScreen('review scoring');
  if (options.screenshot) await saveScreenshot(page, options.screenshot);
  await page.getByRole('button', { name: t.submit }).click();
  await page.getByRole('status').filter({ hasText: t.submitted }).waitFor();
  await reviewer.checkScreen('review submitted');
}
