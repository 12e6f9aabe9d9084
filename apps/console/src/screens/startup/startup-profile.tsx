import { useQuery } from '@tanstack/react-query';
import type { ApplicationsApi } from '@exchange/sdk/browser';
import { api, unwrap } from '../../api/client';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { usePrincipal } from '../../session/session';
import { DataTable } from '../../ui/lists';
import { NativeName } from '../../ui/names';
import { DetailView } from '../reviews/detail-view';
import { CertificateList } from './certificate-list';
import { countryName, languageName } from './display-names';
import { startupText } from './messages';
import { ProfileEditor } from './profile-editor';

export type Startup = ApplicationsApi.components['schemas']['StartupResponse'];
type TeamMember = NonNullable<Startup['team']>[number];

export const startupKey = (startupId: string) => ['startup', startupId] as const;

/** The signed-in startup's own profile: facts, team, certificates (verified or self-declared), and its editor. */
export function StartupProfile() {
  const t = useText(startupText);
  const id = usePrincipal().startupId ?? '';
  const query = useQuery({
    queryKey: startupKey(id),
    queryFn: () => unwrap(api.applications.GET('/v1/startups/{id}', { params: { path: { id } } })),
    enabled: id !== '',
  });
  if (!id) {
    return (
      <section className="panel">
        <h1>{t('NAV_MY_STARTUP')}</h1>
        <p className="notice notice-warning">{t('NO_STARTUP')}</p>
      </section>
    );
  }
  return (
    <DetailView title={t('NAV_MY_STARTUP')} query={query}>
      {(startup) => <ProfileScreen startup={startup} />}
    </DetailView>
  );
}

function ProfileScreen({ startup }: { startup: Startup }) {
  const t = useText(startupText);
  const { language } = useLanguage();
  const contact = [startup.contact?.name, startup.contact?.email, startup.contact?.phone, startup.contact?.website].filter(Boolean).join(' · ');
  return (
    <>
      <section className="panel">
        <h1>
          <NativeName name={startup.name} latin={startup.nameLatin} />
        </h1>
        <h2>{t('PROFILE')}</h2>
        <dl className="facts">
          <dt>{t('NAME')}</dt>
          <dd>{startup.name}</dd>
          <dt>{t('NAME_LATIN')}</dt>
          <dd>{startup.nameLatin}</dd>
          <dt>{t('COUNTRY')}</dt>
          <dd>{countryName(startup.country, language)}</dd>
          {startup.registrationNumber && (
            <>
              <dt>{t('REGISTRATION_NUMBER')}</dt>
              <dd>{startup.registrationNumber}</dd>
            </>
          )}
          <dt>{t('FOUNDED_ON')}</dt>
          <dd>{formatDate(startup.foundedOn, language)}</dd>
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
          <dt>{t('LANGUAGES')}</dt>
          <dd>{startup.languages.map((l) => languageName(l, language)).join(', ') || '—'}</dd>
          <dt>{t('DESCRIPTION')}</dt>
          <dd style={{ whiteSpace: 'pre-wrap' }}>{startup.description ?? '—'}</dd>
          {contact && (
            <>
              <dt>{t('CONTACT')}</dt>
              <dd>{contact}</dd>
            </>
          )}
          <dt>{t('UPDATED_AT')}</dt>
          <dd>{formatDateTime(startup.updatedAt, language)}</dd>
        </dl>
        {startup.team && startup.team.length > 0 && (
          <>
            <h2>{t('TEAM')}</h2>
            <DataTable<TeamMember>
              caption={t('TEAM_CAPTION')}
              rows={startup.team}
              rowKey={(m) => `${m.name}-${m.email ?? ''}-${m.role ?? ''}`}
              columns={[
                { header: t('COLUMN_PERSON'), cell: (m) => <NativeName name={m.name} latin={m.nameLatin} /> },
                { header: t('COLUMN_ROLE'), cell: (m) => m.role ?? '—' },
                { header: t('COLUMN_EMAIL'), cell: (m) => m.email ?? '—' },
                { header: t('COLUMN_LANGUAGES'), cell: (m) => (m.languages ?? []).map((l) => languageName(l, language)).join(', ') || '—' },
              ]}
            />
          </>
        )}
        <h2>{t('CERTIFICATES')}</h2>
        <CertificateList certificates={startup.certifications} />
      </section>
      <section className="panel">
        <h2>{t('EDIT_PROFILE')}</h2>
        <ProfileEditor startup={startup} />
      </section>
    </>
  );
}
