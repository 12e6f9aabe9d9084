import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { ConsolePerson } from './console-person';

/** Where the README's "The console" section finds its pictures. */
export const SCREENSHOT_DIR = resolve(__dirname, '../../../docs/console');

/**
 * A full-page PNG of the screen as the person sees it (their language, their time zone), once no
 * call is in progress, saved as `docs/console/<name>.png`; with `part`, that part of the page only.
 */
export async function saveScreenshot(page: Page, name: string, part?: Locator): Promise<string> {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`screenshot names are lower-case words with hyphens: ${name}`);
  await page.locator('[aria-busy="true"], .loading').first().waitFor({ state: 'detached' });
  // The picture shows the screen, not where the test last typed.
  const focused = page.locator(':focus');
  if ((await focused.count()) > 0) await focused.first().blur();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  const options = { path, animations: 'disabled', caret: 'hide' } as const;
  await (part ? part.screenshot(options) : page.screenshot({ ...options, fullPage: true }));
  return path;
}

/**
 * Runs `body`; if it fails, the error's message gains what each person's page showed at that moment
 * (a PNG in `dir`, the address, the page's last script errors) and `note`.
 */
export async function withFailurePictures(people: ConsolePerson[], dir: string, note: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    mkdirSync(dir, { recursive: true });
    const lines: string[] = [];
    for (const [i, person] of people.filter((p) => !p.page.isClosed()).entries()) {
      const path = join(dir, `failure-${i + 1}.png`);
      const saved = await person.page.screenshot({ path, fullPage: true }).then(
        () => path,
        (failed: Error) => `no screenshot (${failed.message.split('\n')[0]})`,
      );
      lines.push(`${person.profile.name} at ${person.page.url()}: ${saved}`);
      for (const error of person.browser.scriptErrors.slice(-5)) lines.push(`  script error: ${error.split('\n').slice(0, 3).join(' | ')}`);
    }
    const report = `\n--- what each person saw ---\n${lines.join('\n')}\n(${note})`;
    // Jest prints the stack, which already holds the message it was made with.
    if (err instanceof Error) [err.message, err.stack] = [err.message + report, `${err.stack ?? ''}${report}`];
    throw err;
  }
}
