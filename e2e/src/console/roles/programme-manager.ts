/** What the programme manager does in the console: programmes, reviewers, the ranking, decisions, pilots. */
import type { ConsolePerson } from '../console-person';
import { saveScreenshot } from '../screenshots';
import { section, textsFor, type TextsByLanguage } from './texts';

const TEXT: TextsByLanguage<{
  programmes: string;
  newProgramme: string;
  name: string;
  nameLatin: string;
  partners: string;
  hostCountry: string;
  hostCity: string;
  countries: string;
  technologyFields: string;
  minTrl: string;
  maxTrl: string;
  create: string;
  created: string;
  publish: string;
  published: string;
  assignment: string;
  assign: string;
  assigned: (count: number) => string;
  ranking: string;
  rankingCaption: string;
  decision: string;
  reason: string;
  accept: string;
  accepted: string;
  staleTitle: string;
  staleStatus: string;
  proposals: string;
  reviewProposal: (startup: string, site: string) => string;
  criterionName: (n: number) => string;
  criterionUnit: (n: number) => string;
  criterionTarget: (n: number) => string;
  addCriterion: string;
  owner: string;
  ownerEmail: string;
  approve: string;
  approved: string;
}> = {
  ru: {
    programmes: 'Программы',
    newProgramme: 'Новая программа',
    name: 'Название',
    nameLatin: 'Название латиницей',
    partners: 'Организации-партнёры',
    hostCountry: 'Страна проведения',
    hostCity: 'Город проведения',
    countries: 'Страны стартапов',
    technologyFields: 'Технологические области',
    minTrl: 'Минимальный УГТ (TRL)',
    maxTrl: 'Максимальный УГТ (TRL)',
    create: 'Создать черновик программы',
    created: 'Черновик программы создан. Опубликуйте его, когда он будет готов.',
    publish: 'Опубликовать',
    published: 'Опубликована',
    assignment: 'Автоматическое назначение экспертов',
    assign: 'Назначить экспертов автоматически',
    assigned: (count) => `Сделано ${count} назначени`,
    ranking: 'Рейтинг',
    rankingCaption: 'Заявки по убыванию оценки',
    decision: 'Решение',
    reason: 'Обоснование',
    accept: 'Принять',
    accepted: 'Решение записано: принята.',
    staleTitle: 'Кто-то изменил заявку раньше, чем дошло ваше решение.',
    staleStatus: 'Статус: На экспертизе → В листе ожидания',
    proposals: 'Предложения',
    reviewProposal: (startup, site) => `Рассмотреть предложение: ${startup} для «${site}»`,
    criterionName: (n) => `Критерий ${n}: что измеряем`,
    criterionUnit: (n) => `Критерий ${n}: единица измерения`,
    criterionTarget: (n) => `Критерий ${n}: целевое значение`,
    addCriterion: 'Добавить критерий',
    owner: 'Кто принимает решение у площадки',
    ownerEmail: 'Эл. почта ответственного (необязательно)',
    approve: 'Одобрить пилот',
    approved: 'Одобрено: пилот создан.',
  },
};

export interface ProgrammeInput {
  name: string;
  nameLatin: string;
  partnerOrganisationId: string;
  hostCountry: string;
  hostCity: string;
  countries: string;
  technologyFields: string;
  minTrl: number;
  maxTrl: number;
}

/**
 * A new draft programme through the form. It is first sent without its name, so the API's refusal
 * must show beside the name field; then named and created. Returns the programme's id (its page).
 */
export async function createProgramme(manager: ConsolePerson, input: ProgrammeInput): Promise<string> {
  const t = textsFor(manager, TEXT);
  const page = manager.page;
  await manager.openMenu(t.programmes);
  await page.getByRole('heading', { name: t.programmes, level: 1 }).waitFor();
  await manager.checkScreen('programme list');
  await page.getByRole('link', { name: t.newProgramme }).click();
  await page.getByRole('heading', { name: t.newProgramme, level: 1 }).waitFor();
  await page.getByLabel(t.nameLatin, { exact: true }).fill(input.nameLatin);
  await page.getByLabel(t.partners, { exact: true }).fill(input.partnerOrganisationId);
  await page.getByLabel(t.hostCountry, { exact: true }).fill(input.hostCountry);
  await page.getByLabel(t.hostCity, { exact: true }).fill(input.hostCity);
  await page.getByLabel(t.countries, { exact: true }).fill(input.countries);
  await page.getByLabel(t.technologyFields, { exact: true }).fill(input.technologyFields);
  await page.getByLabel(t.minTrl, { exact: true }).fill(String(input.minTrl));
  await page.getByLabel(t.maxTrl, { exact: true }).fill(String(input.maxTrl));
  await page.getByRole('button', { name: t.create }).click();

  const name = page.getByLabel(t.name, { exact: true });
  await page.locator('input[aria-invalid="true"]').first().waitFor();
  if ((await name.getAttribute('aria-invalid')) !== 'true') throw new Error('the API refused a programme without a name, but the name field does not say so');
  await manager.checkScreen('new programme, refused');
  await name.fill(input.name);
  await page.getByRole('button', { name: t.create }).click();
  await page.getByText(t.created).waitFor();
  await manager.checkScreen('programme (draft)');
  const id = /\/programmes\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
  if (!id) throw new Error(`the new programme's page has no id in its address: ${page.url()}`);
  return id;
}

/** On the programme's page: publish the draft. */
export async function publishProgramme(manager: ConsolePerson, options: { screenshot?: string } = {}): Promise<void> {
  const t = textsFor(manager, TEXT);
  await manager.page.getByRole('button', { name: t.publish, exact: true }).click();
  await manager.page.locator('.badge').filter({ hasText: t.published }).first().waitFor();
  await manager.checkScreen('programme (published)');
  if (options.screenshot) await saveScreenshot(manager.page, options.screenshot);
}

/** On the programme's page: automatic assignment, drawing only from the reviewers named. */
export async function assignReviewers(manager: ConsolePerson, programmeId: string, reviewerNames: string[]): Promise<void> {
  const t = textsFor(manager, TEXT);
  await manager.page.goto(`/programmes/${programmeId}`);
  const form = section(manager, t.assignment);
  await form.getByRole('checkbox').first().waitFor();
  // Each choice's label holds the reviewer's name as its own text (their e-mail follows in an element of its own).
  for (const box of await form.getByRole('checkbox').all()) {
    const name = await box.locator('xpath=..').evaluate((label) =>
      Array.from((label as unknown as { childNodes: ArrayLike<{ nodeType: number; textContent: string | null }> }).childNodes)
        .filter((node) => node.nodeType === 3)
        .map((node) => node.textContent ?? '')
        .join('')
        .trim(),
    );
    await box.setChecked(reviewerNames.includes(name));
  }
  await form.getByRole('button', { name: t.assign }).click();
  await form.getByRole('status').filter({ hasText: t.assigned(reviewerNames.length) }).waitFor();
  await manager.checkScreen('programme, reviewers assigned');
}

/** On the programme's page: the ranking's row of the startup, once its reviews are all in. */
export function rankingSection(manager: ConsolePerson) {
  return section(manager, textsFor(manager, TEXT).ranking);
}

/**
 * From the ranking to the application's page, where the manager accepts it with a reason. With
 * `waitlistedMeanwhile`, someone else puts it on the waiting list while the page is open: the first
 * acceptance is refused as stale and the page says what changed; the manager accepts again.
 */
export async function acceptFromRanking(
  manager: ConsolePerson,
  startupName: string,
  reason: string,
  options: { screenshot?: string; waitlistedMeanwhile?: () => Promise<void> } = {},
): Promise<void> {
  const t = textsFor(manager, TEXT);
  await rankingSection(manager).getByRole('link', { name: new RegExp(startupName) }).click();
  const decision = section(manager, t.decision);
  await decision.getByLabel(t.reason, { exact: true }).fill(reason);
  await manager.checkScreen('application, before the decision');
  if (options.screenshot) await saveScreenshot(manager.page, options.screenshot);
  const accept = decision.getByRole('button', { name: t.accept, exact: true });
  if (options.waitlistedMeanwhile) {
    await options.waitlistedMeanwhile();
    await accept.click();
    const stale = decision.getByRole('alert').filter({ hasText: t.staleTitle });
    await stale.filter({ hasText: t.staleStatus }).waitFor();
    await manager.checkScreen('application, decision refused as stale');
  }
  await accept.click();
  await decision.getByRole('status').filter({ hasText: t.accepted }).waitFor();
  await manager.checkScreen('application, accepted');
}

export interface PilotApprovalInput {
  criteria: Array<{ name: string; unit: string; target: number }>;
  owner: { name: string; email: string };
}

/** The proposal of the startup for the site, approved with success criteria and a decision owner; the pilot's page follows. */
export async function approveProposal(manager: ConsolePerson, startupName: string, siteName: string, input: PilotApprovalInput): Promise<string> {
  const t = textsFor(manager, TEXT);
  const page = manager.page;
  await manager.openMenu(t.proposals);
  await page.getByRole('link', { name: t.reviewProposal(startupName, siteName) }).click();
  for (const [i, criterion] of input.criteria.entries()) {
    const n = i + 1;
    if (i > 0) await page.getByRole('button', { name: t.addCriterion }).click();
    await page.getByLabel(t.criterionName(n), { exact: true }).fill(criterion.name);
    await page.getByLabel(t.criterionUnit(n), { exact: true }).fill(criterion.unit);
    await page.getByLabel(t.criterionTarget(n), { exact: true }).fill(String(criterion.target));
  }
  await page.getByLabel(t.owner, { exact: true }).fill(input.owner.name);
  await page.getByLabel(t.ownerEmail, { exact: true }).fill(input.owner.email);
  await manager.checkScreen('match proposal, approval filled in');
  await page.getByRole('button', { name: t.approve }).click();
  await page.getByText(t.approved).waitFor();
  await manager.checkScreen('pilot, just approved');
  const id = /\/pilots\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
  if (!id) throw new Error(`the approved pilot's page has no id in its address: ${page.url()}`);
  return id;
}
