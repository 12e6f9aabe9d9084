import type { MailLanguage, MailRecipient, Named } from '../mail-content';

/** A name in its own script with its Latin form beside it, unless that would only repeat it. */
export function displayName(named: Named): string {
  const latin = named.nameLatin?.trim();
  if (!latin || latin.toLowerCase() === named.name.trim().toLowerCase()) return named.name;
  return `${named.name} (${latin})`;
}

const LOCALES: Record<MailLanguage, string> = { en: 'en-GB', ko: 'ko-KR', ru: 'ru-RU' };

/** The recipient's zone when the runtime knows it; a bad zone in a profile must not stop the mail. */
function usableTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** Words and dates as one recipient reads them: their language, their time zone. */
export interface Formatter {
  readonly language: MailLanguage;
  name(named: Named): string;
  /** An ISO instant as date and time in the recipient's zone, with the zone shown. */
  instant(iso: string): string;
  /** A calendar date (`YYYY-MM-DD`): the same day wherever the recipient is. */
  date(calendarDate: string): string;
  /** A number of days, with the plural the language needs. */
  days(count: number): string;
}

const DAY_WORDS: Record<MailLanguage, Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }> = {
  en: { one: 'day', other: 'days' },
  ko: { other: '일' },
  ru: { one: 'день', few: 'дня', many: 'дней', other: 'дня' },
};

/**
 * Building Intl formats costs far more than using them, and a consumer writes mail for every decision:
 * one formatter per (language, zone) is kept (a few dozen at most: three languages, the zones people set).
 */
const FORMATTERS = new Map<string, Formatter>();
const MAX_FORMATTERS = 1_000;

export function formatterFor(recipient: MailRecipient): Formatter {
  const key = `${recipient.language}|${recipient.timeZone}`;
  let formatter = FORMATTERS.get(key);
  if (!formatter) {
    if (FORMATTERS.size >= MAX_FORMATTERS) FORMATTERS.clear();
    formatter = buildFormatter(recipient);
    FORMATTERS.set(key, formatter);
  }
  return formatter;
}

function buildFormatter(recipient: MailRecipient): Formatter {
  const language = recipient.language;
  const locale = LOCALES[language];
  const instantFormat = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: usableTimeZone(recipient.timeZone),
    timeZoneName: 'short',
  });
  // Calendar dates are parsed and shown at UTC, so no zone can move them to the day before or after.
  const dateFormat = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
  const plural = new Intl.PluralRules(locale);
  return {
    language,
    name: displayName,
    instant(iso) {
      const at = new Date(iso);
      if (Number.isNaN(at.getTime())) throw new Error(`not an ISO instant: ${JSON.stringify(iso)}`);
      return instantFormat.format(at);
    },
    date(calendarDate) {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(calendarDate);
      const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
      if (!day || day.toISOString().slice(0, 10) !== calendarDate) throw new Error(`not a calendar date: ${JSON.stringify(calendarDate)}`);
      return dateFormat.format(day);
    },
    days(count) {
      const words = DAY_WORDS[language];
      const word = words[plural.select(count)] ?? words.other;
      return language === 'ko' ? `${count}${word}` : `${count} ${word}`;
    },
  };
}
