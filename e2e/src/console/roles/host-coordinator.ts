/** What the host coordinator does in the console: schedule, start and complete a pilot with its report. */
import type { ConsolePerson } from '../console-person';
import { saveScreenshot } from '../screenshots';
import { textsFor, type TextsByLanguage } from './texts';

const TEXT: TextsByLanguage<{
  pilots: string;
  openPilot: (startup: string, site: string) => string;
  firstDay: string;
  schedule: string;
  scheduled: string;
  start: string;
  running: string;
  resultFor: (criterion: string) => string;
  outcome: string;
  adoption: string;
  contractValue: string;
  contractCurrency: string;
  feedback: string;
  complete: string;
  completed: string;
}> = {
  ru: {
    pilots: 'Пилоты',
    openPilot: (startup, site) => `Открыть пилот: ${startup} на площадке «${site}»`,
    firstDay: 'Первый день пилота',
    schedule: 'Назначить даты пилота',
    scheduled: 'даты назначены',
    start: 'Начать пилот',
    running: 'идёт',
    resultFor: (criterion) => `Результат: ${criterion}`,
    outcome: 'Итог',
    adoption: 'Решение о внедрении',
    contractValue: 'Сумма контракта',
    contractCurrency: 'Валюта контракта (например, RUB, KRW)',
    feedback: 'Отзыв (необязательно)',
    complete: 'Завершить пилот',
    completed: 'завершён',
  },
};

export interface PilotReportInput {
  results: Array<{ criterion: string; value: number }>;
  /** The options as the form lists them, in the host's language. */
  outcome: string;
  adoption: string;
  contract: { value: number; currency: string };
  feedback: string;
}

/** The host's pilot, from their list: first day today, started, then completed with the final report. */
export async function runPilot(host: ConsolePerson, parties: { startup: string; site: string }, report: PilotReportInput, options: { screenshot?: string } = {}): Promise<void> {
  const t = textsFor(host, TEXT);
  const page = host.page;
  const state = (text: string) => page.locator('.badge').filter({ hasText: new RegExp(`^${text}$`) }).first();
  await host.openMenu(t.pilots);
  await page.getByRole('link', { name: t.openPilot(parties.startup, parties.site) }).click();
  await page.getByLabel(t.firstDay, { exact: true }).waitFor();
  await host.checkScreen('pilot, to schedule');
  await page.getByRole('button', { name: t.schedule }).click();
  await state(t.scheduled).waitFor();
  await page.getByRole('button', { name: t.start }).click();
  await state(t.running).waitFor();

  for (const { criterion, value } of report.results) await page.getByLabel(t.resultFor(criterion), { exact: true }).fill(String(value));
  await page.getByLabel(t.outcome, { exact: true }).selectOption({ label: report.outcome });
  await page.getByLabel(t.adoption, { exact: true }).selectOption({ label: report.adoption });
  await page.getByLabel(t.contractValue, { exact: true }).fill(String(report.contract.value));
  await page.getByLabel(t.contractCurrency, { exact: true }).fill(report.contract.currency);
  await page.getByLabel(t.feedback, { exact: true }).fill(report.feedback);
  await host.checkScreen('pilot report form');
  if (options.screenshot) await saveScreenshot(page, options.screenshot);
  await page.getByRole('button', { name: t.complete }).click();
  await state(t.completed).waitFor();
  await host.checkScreen('pilot, completed with its report');
}
