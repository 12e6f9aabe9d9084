/** What the partner liaison does in the console: the endpoint, its delivery log, rotation and replay. */
import type { ConsolePerson } from '../console-person';
import { section, textsFor, type TextsByLanguage } from './texts';

const TEXT: TextsByLanguage<{
  webhooks: string;
  url: string;
  description: string;
  create: string;
  created: string;
  signingSecret: string;
  newSigningSecret: string;
  secretStored: string;
  endpoint: (url: string) => string;
  deliveryLog: string;
  refresh: string;
  showMore: string;
  rotateTitle: string;
  rotate: string;
  replayEvent: (event: string) => string;
  replayed: string;
  attempts: string;
}> = {
  ko: {
    webhooks: '웹훅',
    url: 'URL 주소',
    description: '설명(선택)',
    create: '엔드포인트 만들기',
    created: '엔드포인트를 만들었습니다. 서명 비밀키는 아래에 있습니다.',
    signingSecret: '서명 비밀키',
    newSigningSecret: '새 서명 비밀키',
    secretStored: '비밀키를 보관했습니다',
    endpoint: (url) => `엔드포인트 ${url}`,
    deliveryLog: '전달 기록',
    refresh: '기록 새로 고침',
    showMore: '더 보기',
    rotateTitle: '서명 비밀키 교체',
    rotate: '비밀키 교체',
    replayEvent: (event) => `이벤트 ${event} 재전송`,
    replayed: '재전송을 예약했습니다',
    attempts: '모든 시도: 상태 코드, 지연 시간, 응답 앞부분',
  },
};

/**
 * The signing secret shown once in the region titled `title`: read, then put away ("I have stored
 * it"), after which the page no longer holds it.
 */
async function takeSecretShownOnce(liaison: ConsolePerson, title: string): Promise<string> {
  const t = textsFor(liaison, TEXT);
  const shown = section(liaison, title);
  const secret = (await shown.locator('.secret').innerText()).trim();
  if (!secret.startsWith('whsec_')) throw new Error(`the region "${title}" shows no signing secret: ${secret}`);
  await liaison.checkScreen(`signing secret shown once (${title})`);
  await shown.getByRole('button', { name: t.secretStored }).click();
  await shown.waitFor({ state: 'detached' });
  if ((await liaison.page.content()).includes(secret)) throw new Error('the signing secret is still on the page after it was put away');
  return secret;
}

/** A new endpoint for every event type, on the webhooks screen; returns its signing secret (shown once). */
export async function createEndpoint(liaison: ConsolePerson, url: string, description: string): Promise<string> {
  const t = textsFor(liaison, TEXT);
  const page = liaison.page;
  await liaison.openMenu(t.webhooks);
  await page.getByRole('heading', { name: t.webhooks, level: 1 }).waitFor();
  await liaison.checkScreen('webhook endpoints');
  await page.getByLabel(t.url, { exact: true }).fill(url);
  await page.getByLabel(t.description, { exact: true }).fill(description);
  await page.getByRole('button', { name: t.create }).click();
  await page.getByRole('status').filter({ hasText: t.created }).waitFor();
  return takeSecretShownOnce(liaison, t.signingSecret);
}

/** From the webhooks screen to the endpoint's own page (facts, rotation, replay, delivery log). */
export async function openEndpoint(liaison: ConsolePerson, url: string): Promise<void> {
  const t = textsFor(liaison, TEXT);
  await liaison.openMenu(t.webhooks);
  await liaison.page.getByRole('link', { name: url, exact: true }).click();
  await liaison.page.getByRole('heading', { name: t.endpoint(url), level: 1 }).waitFor();
}

/**
 * Every row of the delivery log, fresh from the service, all pages: each event as the log names it
 * (`type` and the first block of its id).
 */
export async function deliveryLogEvents(liaison: ConsolePerson): Promise<string[]> {
  const t = textsFor(liaison, TEXT);
  const log = section(liaison, t.deliveryLog);
  await log.getByRole('button', { name: t.refresh }).click();
  await liaison.settled();
  const more = log.getByRole('button', { name: t.showMore });
  while (await more.isVisible()) {
    await more.click();
    await liaison.settled();
  }
  const links = await log.getByRole('table').getByRole('row').getByRole('link').allInnerTexts();
  return links.map((text) => text.trim());
}

/** A new signing secret, the old one still signing during the default overlap; returns the new one (shown once). */
export async function rotateSecret(liaison: ConsolePerson): Promise<string> {
  const t = textsFor(liaison, TEXT);
  await section(liaison, t.rotateTitle).getByRole('button', { name: t.rotate, exact: true }).click();
  return takeSecretShownOnce(liaison, t.newSigningSecret);
}

/** Sends one event of the log again (its row's replay), then opens that delivery to see its attempts. */
export async function replayEvent(liaison: ConsolePerson, event: string): Promise<void> {
  const t = textsFor(liaison, TEXT);
  const log = section(liaison, t.deliveryLog);
  await log.getByRole('button', { name: t.replayEvent(event) }).click();
  await log.getByRole('status').filter({ hasText: t.replayed }).waitFor();
}

/** The delivery of `event`: its page with every attempt (status code, latency, answer); returns the attempts' rows as text. */
export async function openDelivery(liaison: ConsolePerson, event: string): Promise<string[]> {
  const t = textsFor(liaison, TEXT);
  await section(liaison, t.deliveryLog).getByRole('link', { name: event, exact: true }).first().click();
  const attempts = liaison.page.getByRole('table', { name: t.attempts });
  await attempts.waitFor();
  await liaison.checkScreen('one delivery with its attempts');
  return attempts.locator('tbody tr').allInnerTexts();
}
