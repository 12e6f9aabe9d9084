import type { Language } from '@exchange/platform/messages';

/** The viewer's own time zone: every date is shown in it, with the zone named. */
export const viewerTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

const LOCALE: Record<Language, string> = { en: 'en-GB', ko: 'ko-KR', ru: 'ru-RU' };

export function formatDateTime(iso: string | null | undefined, language: Language): string {
  if (!iso) return '—';
  // dateStyle/timeStyle cannot be combined with timeZoneName: the fields are spelt out.
  return new Intl.DateTimeFormat(LOCALE[language], { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: viewerTimeZone, timeZoneName: 'short' }).format(
    new Date(iso),
  );
}

/** A calendar day (`YYYY-MM-DD`) or the day of an instant, without shifting it across zones. */
export function formatDate(value: string | null | undefined, language: Language): string {
  if (!value) return '—';
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
  return new Intl.DateTimeFormat(LOCALE[language], { dateStyle: 'medium', timeZone: day ? 'UTC' : viewerTimeZone }).format(new Date(day ? `${value}T00:00:00Z` : value));
}

export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(LOCALE[language]).format(value);
}

export function formatMoney(amount: number, currency: string, language: Language): string {
  return new Intl.NumberFormat(LOCALE[language], { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
}
