import type { Browser, Locator, Page } from 'playwright-core';
import { type AccessibilityViolation, seriousAccessibilityViolations } from './accessibility';
import { openPersonBrowser, type PersonBrowser } from './browser';

export type ConsoleLanguage = 'en' | 'ko' | 'ru';

/** What the frame of the console says in each language: what a person must see to sign in and out. */
export const FRAME_TEXT: Record<ConsoleLanguage, { signInTitle: string; apiKey: string; signIn: string; signOut: string; signedOut: string; mainNavigation: string }> = {
  en: {
    signInTitle: 'Sign in to the Startup Exchange console',
    apiKey: 'Your API key',
    signIn: 'Sign in',
    signOut: 'Sign out',
    signedOut: 'You have signed out.',
    mainNavigation: 'Main navigation',
  },
  ko: { signInTitle: '스타트업 교류 콘솔 로그인', apiKey: 'API 키', signIn: '로그인', signOut: '로그아웃', signedOut: '로그아웃했습니다.', mainNavigation: '주 메뉴' },
  ru: {
    signInTitle: 'Вход в консоль Startup Exchange',
    apiKey: 'Ваш API-ключ',
    signIn: 'Войти',
    signOut: 'Выйти',
    signedOut: 'Вы вышли из консоли.',
    mainNavigation: 'Главное меню',
  },
};

const LOCALES: Record<ConsoleLanguage, string> = { en: 'en-GB', ko: 'ko-KR', ru: 'ru-RU' };

export interface PersonProfile {
  /** Who they are, for failure messages. */
  name: string;
  key: string;
  /** The language their browser asks for (and their profile names). */
  language: ConsoleLanguage;
  /** Where they sit: dates are shown in this zone. */
  timezoneId: string;
}

/** Every screen checked with axe in a run, by whom. */
export type ScreensChecked = Array<{ person: string; screen: string }>;

/** A person at the console, in their own browser (context), language and time zone. */
export class ConsolePerson {
  private constructor(
    readonly profile: PersonProfile,
    readonly browser: PersonBrowser,
    private readonly checked: ScreensChecked,
  ) {}

  static async open(browser: Browser, baseURL: string, profile: PersonProfile, checked: ScreensChecked = []): Promise<ConsolePerson> {
    return new ConsolePerson(profile, await openPersonBrowser(browser, { baseURL, locale: LOCALES[profile.language], timezoneId: profile.timezoneId }), checked);
  }

  get page(): Page {
    return this.browser.page;
  }

  get text() {
    return FRAME_TEXT[this.profile.language];
  }

  /**
   * The screen as it is now, once no call is in progress, checked with axe-core: any serious or
   * critical violation fails here, naming the screen and the person looking at it.
   */
  async checkScreen(screen: string): Promise<void> {
    await this.settled();
    const violations = await seriousAccessibilityViolations(this.page);
    this.checked.push({ person: this.profile.name, screen });
    if (violations.length > 0) throw new Error(`axe: ${violations.length} serious or critical violation(s) on "${screen}" (${this.profile.name}):\n${describe(violations)}`);
  }

  /** Waits until no progress indicator is left on the page. */
  async settled(): Promise<void> {
    await this.page.locator('[aria-busy="true"], .loading').first().waitFor({ state: 'detached' });
  }

  /** The sign-in page's title: shown whenever the person is signed out. */
  signInHeading(): Locator {
    return this.page.getByRole('heading', { name: this.text.signInTitle });
  }

  mainNavigation(): Locator {
    return this.page.getByRole('navigation', { name: this.text.mainNavigation });
  }

  /** Opens the console and pastes the key into the sign-in form (the person's own unless another is given). */
  async submitKey(key = this.profile.key): Promise<void> {
    if (!(await this.signInHeading().isVisible())) {
      await this.page.goto('/');
      await this.signInHeading().waitFor();
    }
    await this.page.getByLabel(this.text.apiKey, { exact: true }).fill(key);
    await this.page.getByRole('button', { name: this.text.signIn, exact: true }).click();
  }

  /** Signs in and waits for the role's screens (the main navigation). */
  async signIn(): Promise<void> {
    await this.submitKey();
    await this.mainNavigation().waitFor();
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: this.text.signOut, exact: true }).click();
    await this.page.getByRole('status').filter({ hasText: this.text.signedOut }).waitFor();
  }

  /** The menu entry `name` (as the person reads it), followed to its screen. */
  async openMenu(name: string | RegExp): Promise<void> {
    await this.mainNavigation().getByRole('link', { name, exact: true }).click();
  }

  async close(): Promise<void> {
    await this.browser.context.close();
  }
}

function describe(violations: AccessibilityViolation[]): string {
  return violations.map((v) => `  ${v.impact} ${v.id}: ${v.help} at ${v.targets.join(', ')}`).join('\n');
}
