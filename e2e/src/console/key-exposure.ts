import type { PersonBrowser } from './browser';

/** What the page's own scripts can read (the tests compile without the DOM's types). */
interface InPage {
  localStorage: Record<string, string>;
  sessionStorage: Record<string, string>;
  document: { cookie: string; querySelectorAll(selector: string): ArrayLike<{ value: string }> };
}

/**
 * Every place a person's browser holds something a script or another site could read, and where
 * `secret` (an API key) shows up there: the page's HTML, localStorage, sessionStorage,
 * document.cookie, every URL the browser requested and every answer body it received. The key goes
 * to the console server once, in the sign-in request's body, and nowhere else.
 */
export async function placesHoldingSecret(person: PersonBrowser, secret: string): Promise<string[]> {
  const { page, traffic } = person;
  const found: string[] = [];
  if ((await page.content()).includes(secret)) found.push(`the HTML of ${page.url()}`);
  const readable = await page.evaluate(() => {
    const { localStorage, sessionStorage, document } = globalThis as unknown as InPage;
    return {
      localStorage: Object.entries(localStorage).map(([k, v]) => `${k}=${v}`),
      sessionStorage: Object.entries(sessionStorage).map(([k, v]) => `${k}=${v}`),
      cookie: [document.cookie],
      inputs: Array.from(document.querySelectorAll('input, textarea'), (el) => el.value),
    };
  });
  for (const [where, values] of Object.entries(readable)) {
    if (values.some((value) => value.includes(secret))) found.push(where);
  }
  for (const url of traffic.urls) {
    if (url.includes(secret) || decoded(url).includes(secret)) found.push(`the URL ${url}`);
  }
  for (const { url, body } of await traffic.responses()) {
    if (body.includes(secret)) found.push(`the answer of ${url}`);
  }
  return found;
}

function decoded(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}
