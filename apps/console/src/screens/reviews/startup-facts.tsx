import type { ApplicationsApi } from '@exchange/sdk/browser';
import { useLanguage, useText } from '../../i18n/language';
import { NativeName } from '../../ui/names';
import { countryName } from '../startup/display-names';
import { reviewsText } from './messages';

type ReviewerStartup = ApplicationsApi.components['schemas']['ReviewerStartupView'];

interface TeamMember {
  name?: string;
  nameLatin?: string;
  role?: string;
}

/** A contact's parts that are present, joined on one line. */
function contactLine(contact: Record<string, unknown>): string {
  return ['name', 'email', 'phone', 'website']
    .map((k) => contact[k])
    .filter((v): v is string => typeof v === 'string' && v !== '')
    .join(' · ');
}

/**
 * The startup as the reviewer may see it. In a blind review the service sends no name, registration
 * number, contact or team: the screen says so instead of leaving gaps unexplained.
 */
export function StartupFacts({ startup, blind }: { startup: ReviewerStartup; blind: boolean }) {
  const t = useText(reviewsText);
  const { language } = useLanguage();
  const team = (startup.team ?? []) as TeamMember[];
  return (
    <>
      {blind && <p className="notice notice-warning">{t('BLIND_NOTICE')}</p>}
      <dl className="facts">
        {startup.name && (
          <>
            <dt>{t('NAME')}</dt>
            <dd>
              <NativeName name={startup.name} latin={startup.nameLatin} />
            </dd>
          </>
        )}
        {startup.registrationNumber && (
          <>
            <dt>{t('REGISTRATION_NUMBER')}</dt>
            <dd>{startup.registrationNumber}</dd>
          </>
        )}
        <dt>{t('COUNTRY')}</dt>
        <dd>{countryName(startup.country, language)}</dd>
        <dt>{t('FIELDS')}</dt>
        <dd>
          {startup.technologyFields.map((f) => (
            <span key={f} className="badge">
              {f}
            </span>
          ))}
        </dd>
        <dt>{t('TRL')}</dt>
        <dd>{startup.trl}</dd>
        {startup.description && (
          <>
            <dt>{t('DESCRIPTION')}</dt>
            <dd style={{ whiteSpace: 'pre-wrap' }}>{startup.description}</dd>
          </>
        )}
        {startup.contact && contactLine(startup.contact) && (
          <>
            <dt>{t('CONTACT')}</dt>
            <dd>{contactLine(startup.contact)}</dd>
          </>
        )}
        {team.length > 0 && (
          <>
            <dt>{t('TEAM')}</dt>
            <dd>
              <ul>
                {team.map((m, i) => (
                  <li key={i}>
                    <NativeName name={m.name ?? ''} latin={m.nameLatin} />
                    {m.role ? ` — ${m.role}` : ''}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
    </>
  );
}
