import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';

/** Where the README's "The console" section finds its pictures. */
export const SCREENSHOT_DIR = resolve(__dirname, '../../../docs/console');

/**
 * A full-page PNG of the screen as the person sees it (their language, their time zone), once no
 * call is in progress, saved as `docs/console/<name>.png`; with `part`, that part of the page only.
 */
export async function saveScreenshot(page: Page, name: string, part?: Locator): Promise<string> {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`screenshot names are lower-case words with hyphens: ${name}`);
  await page.locator('[aria-busy="true"], .loading').first().waitFor({ state: 'detached' });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  const options = { path, animations: 'disabled', caret: 'hide' } as const;
  await (part ? part.screenshot(options) : page.screenshot({ ...options, fullPage: true }));
  return path;
}

/**
 * What every open page shows now, with its address, as PNGs in `dir` (for a failed test's report):
 * returns the lines to append to the failure message.
 */
export async function captureForFailure(pages: Array<{ who: string; page: Page; scriptErrors: string[] }>, dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const lines: string[] = [];
  for (const [i, { who, page, scriptErrors }] of pages.entries()) {
    const path = join(dir, `failure-${i + 1}.png`);
    const saved = await page.screenshot({ path, fullPage: true }).then(
      () => path,
      (err: Error) => `no screenshot (${err.message.split('\n')[0]})`,
    );
    lines.push(`${who} at ${page.url()}: ${saved}`);
    for (const error of scriptErrors.slice(-5)) lines.push(`  script error: ${error.split('\n').slice(0, 3).join(' | ')}`);
  }
  return lines;
}
