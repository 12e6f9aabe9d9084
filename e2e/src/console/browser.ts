import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's package installs `chromium`; other distributions name it `chromium-browser`. */
const BROWSER_NAMES = ['chromium', 'chromium-browser'];

/** The chromium on PATH (the distribution's package; nothing is downloaded at test time). */
export function chromiumOnPath(path = process.env.PATH ?? ''): string {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    for (const name of BROWSER_NAMES) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  throw new Error(`No chromium on PATH: the console's browser tests drive the distribution's chromium. Install it with \`bash infra/browser.sh\`.`);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumOnPath(), headless: true });
}

/** Every URL a person's browser asked for and every answer body it received, to look for a secret in. */
export class TrafficLog {
  readonly urls: string[] = [];
  private readonly bodies: Array<Promise<{ url: string; body: string }>> = [];

  constructor(context: BrowserContext) {
    context.on('request', (request) => this.urls.push(request.url()));
    context.on('response', (response) => {
      // A redirect or an aborted answer has no body to read.
      this.bodies.push(response.body().then((body) => ({ url: response.url(), body: body.toString('utf8') }), () => ({ url: response.url(), body: '' })));
    });
  }

  /** The answers received so far, each read in full. */
  responses(): Promise<Array<{ url: string; body: string }>> {
    return Promise.all(this.bodies);
  }
}

/** One person at their own browser: their language and time zone, their own cookies. */
export interface PersonBrowser {
  context: BrowserContext;
  page: Page;
  traffic: TrafficLog;
  /** What the page's scripts reported as errors (uncaught exceptions, console.error), for failure messages. */
  scriptErrors: string[];
}

export const CONSOLE_VIEWPORT = { width: 1280, height: 800 };

/**
 * A browser context per person, as separate browsers would be: nothing (cookies, storage) is
 * shared between people. The console's Content-Security-Policy stays in force.
 */
export async function openPersonBrowser(browser: Browser, options: { baseURL: string; locale: string; timezoneId: string }): Promise<PersonBrowser> {
  const context = await browser.newContext({ ...options, viewport: CONSOLE_VIEWPORT, reducedMotion: 'reduce' });
  const traffic = new TrafficLog(context);
  const page = await context.newPage();
  const scriptErrors: string[] = [];
  page.on('pageerror', (error) => scriptErrors.push(`${error.name}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') scriptErrors.push(message.text());
  });
  return { context, page, traffic, scriptErrors };
}
