/** What the startup does in the console: follow its application, answer its cohort offer. */
import type { ConsolePerson } from '../console-person';
import { saveScreenshot } from '../screenshots';
import { textsFor, type TextsByLanguage } from './texts';

const TEXT: TextsByLanguage<{
  myApplications: string;
  historyOf: (ref: string) => string;
  application: (ref: string) => string;
  statusHistory: string;
  offers: string;
  cohort: (ref: string) => string;
  acceptOffer: (cohort: string) => string;
  offerAccepted: (cohort: string) => string;
  placeTaken: string;
}> = {
  ko: {
    myApplications: '내 신청서',
    historyOf: (ref) => `신청서 ${ref}의 상태 이력`,
    application: (ref) => `신청서 ${ref}`,
    statusHistory: '상태 이력',
    offers: '코호트 제안',
    cohort: (ref) => `코호트 ${ref}`,
    acceptOffer: (cohort) => `${cohort} 제안 수락`,
    offerAccepted: (cohort) => `${cohort} 제안을 수락했습니다.`,
    placeTaken: '수락: 자리 확정',
  },
};

/**
 * The application's page, from "my applications": where it stands in the service's plain words and
 * every change of status. Returns the status history's rows as text, newest first.
 */
export async function followApplication(startup: ConsolePerson, applicationId: string, options: { screenshot?: string } = {}): Promise<string[]> {
  const t = textsFor(startup, TEXT);
  const page = startup.page;
  const ref = applicationId.slice(0, 8);
  await startup.openMenu(t.myApplications);
  await page.getByRole('link', { name: t.historyOf(ref) }).click();
  await page.getByRole('heading', { name: t.application(ref), level: 1 }).waitFor();
  // The first table after the "status history" heading.
  const history = page.getByRole('heading', { name: t.statusHistory, exact: true }).locator('xpath=following::table[1]');
  await history.waitFor();
  await startup.checkScreen('application status and history');
  if (options.screenshot) await saveScreenshot(page, options.screenshot);
  return history.locator('tbody tr').allInnerTexts();
}

/** The cohort's offer, accepted on the offers screen. */
export async function acceptOffer(startup: ConsolePerson, cohortId: string, options: { screenshot?: string } = {}): Promise<void> {
  const t = textsFor(startup, TEXT);
  const page = startup.page;
  const cohort = t.cohort(cohortId.slice(0, 8));
  await startup.openMenu(t.offers);
  const accept = page.getByRole('button', { name: t.acceptOffer(cohort) });
  await accept.waitFor();
  await startup.checkScreen('cohort offers');
  if (options.screenshot) await saveScreenshot(page, options.screenshot);
  await accept.click();
  await page.getByRole('status').filter({ hasText: t.offerAccepted(cohort) }).waitFor();
  await page.getByRole('row').filter({ hasText: cohort }).filter({ hasText: t.placeTaken }).waitFor();
  await startup.checkScreen('cohort offer accepted');
}
