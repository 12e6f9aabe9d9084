import { Fragment, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { formatDate, formatDateTime, formatNumber } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { QueryView } from '../../ui/feedback';
import { DataTable } from '../../ui/lists';
import { NativeName } from '../../ui/names';
import { useProgramme } from '../programmes/programme-api';
import { useStartup } from '../../api/queries';
import { useApplication, useApplicationHistory, type Application } from './application-api';
import { DecisionPanel } from './application-decision';
import { ApplicationReviews } from './application-reviews';
import { applicationsText } from './messages';
import { StartupName } from '../../ui/entity-names';

function Facts({ application: a }: { application: Application }) {
  const t = useText(applicationsText);
  const { language } = useLanguage();
  const programme = useProgramme(a.programmeId).data;
  return (
    <dl className="facts">
      <dt>{t('COLUMN_STATUS')}</dt>
      <dd>
        {a.status}
        <span className="code-tag">{a.state}</span>
      </dd>
      <dt>{t('COLUMN_PROGRAMME')}</dt>
      <dd>
        <Link to={`/programmes/${a.programmeId}`}>{programme ? <NativeName name={programme.name} latin={programme.nameLatin} /> : a.programmeId}</Link>
      </dd>
      <dt>{t('COLUMN_SUBMITTED')}</dt>
      <dd>{formatDateTime(a.submittedAt, language)}</dd>
      <dt>{t('COLUMN_SCORE')}</dt>
      <dd>{a.score === null || a.score === undefined ? '—' : formatNumber(Math.round(a.score * 100) / 100, language)}</dd>
      <dt>{t('COLUMN_REVIEWS')}</dt>
      <dd>{programme ? t('OF_REQUIRED', { count: a.reviewsCompleted ?? 0, required: programme.reviewsRequired }) : (a.reviewsCompleted ?? '—')}</dd>
      {a.fastTrack && (
        <>
          <dt>{t('FAST_TRACK')}</dt>
          <dd>{t('FAST_TRACK_YES')}</dd>
        </>
      )}
      <dt>{t('VERSION')}</dt>
      <dd>
        {a.version} · {t('UPDATED_AT', { at: formatDateTime(a.updatedAt, language) })}
      </dd>
    </dl>
  );
}

function StartupFacts({ startupId }: { startupId: string }) {
  const t = useText(applicationsText);
  const { language } = useLanguage();
  const query = useStartup(startupId);
  return (
    <QueryView query={query}>
      {(s) => (
        <dl className="facts">
          <dt>{t('STARTUP_NAME')}</dt>
          <dd>
            <NativeName name={s.name} latin={s.nameLatin} />
          </dd>
          <dt>{t('STARTUP_COUNTRY')}</dt>
          <dd>{s.country}</dd>
          <dt>{t('STARTUP_FIELDS')}</dt>
          <dd>{s.technologyFields.join(', ') || '—'}</dd>
          <dt>{t('STARTUP_TRL')}</dt>
          <dd>{s.trl}</dd>
          <dt>{t('STARTUP_FOUNDED')}</dt>
          <dd>{formatDate(s.foundedOn, language)}</dd>
          {s.contact?.website && (
            <>
              <dt>{t('STARTUP_WEBSITE')}</dt>
              <dd>
                <a href={s.contact.website} rel="noopener noreferrer" target="_blank">
                  {s.contact.website}
                </a>
              </dd>
            </>
          )}
          {s.description && (
            <>
              <dt>{t('STARTUP_DESCRIPTION')}</dt>
              <dd className="answer-text">{s.description}</dd>
            </>
          )}
        </dl>
      )}
    </QueryView>
  );
}

/** Answers are free-form: text shows as typed, anything else as its JSON. */
function Answers({ answers }: { answers: Record<string, unknown> }) {
  const t = useText(applicationsText);
  const entries = Object.entries(answers);
  if (entries.length === 0) return <p className="empty">{t('NO_ANSWERS')}</p>;
  return (
    <dl className="facts">
      {entries.map(([question, answer]) => (
        <Fragment key={question}>
          <dt>{question}</dt>
          <dd className="answer-text">{typeof answer === 'string' ? answer : JSON.stringify(answer, null, 2)}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

function History({ applicationId }: { applicationId: string }) {
  const t = useText(applicationsText);
  const { language } = useLanguage();
  const query = useApplicationHistory(applicationId);
  return (
    <QueryView query={query}>
      {(history) => (
        <>
          <p>
            <strong>{history.status}</strong>
            <span className="code-tag">{history.state}</span>
          </p>
          <DataTable
            caption={t('HISTORY_CAPTION')}
            rows={history.transitions}
            rowKey={(change) => `${change.at}-${change.to}`}
            columns={[
              { header: t('COLUMN_WHEN'), cell: (change) => formatDateTime(change.at, language) },
              {
                header: t('COLUMN_STATUS'),
                cell: (change) => (
                  <>
                    {change.status}
                    <span className="code-tag">
                      {change.from ?? '—'} → {change.to}
                    </span>
                  </>
                ),
              },
              { header: t('COLUMN_REASON'), cell: (change) => change.reason ?? '—' },
            ]}
          />
        </>
      )}
    </QueryView>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

function ApplicationPage({ application }: { application: Application }) {
  const t = useText(applicationsText);
  return (
    <>
      <section className="panel">
        <p>
          <Link to="/applications">{t('BACK_TO_APPLICATIONS')}</Link>
        </p>
        <h1>
          {t('DETAIL_TITLE')}: <StartupName startupId={application.startupId} />
        </h1>
        <Facts application={application} />
        {(application.flags ?? []).map((flag) => (
          <p key={flag.id} className="notice notice-warning">
            {flag.message}
          </p>
        ))}
      </section>
      <Section id="decision" title={t('SECTION_DECISION')}>
        <DecisionPanel application={application} />
      </Section>
      <Section id="history" title={t('SECTION_HISTORY')}>
        <History applicationId={application.id} />
      </Section>
      <Section id="reviews" title={t('SECTION_REVIEWS')}>
        <ApplicationReviews application={application} />
      </Section>
      <Section id="startup" title={t('SECTION_STARTUP')}>
        <StartupFacts startupId={application.startupId} />
      </Section>
      <Section id="answers" title={t('SECTION_ANSWERS')}>
        <Answers answers={application.answers} />
      </Section>
    </>
  );
}

/** One application: the startup, its answers, its status history, the reviews and the decision. */
export function ApplicationDetail() {
  const { applicationId = '' } = useParams();
  const query = useApplication(applicationId);
  return <QueryView query={query}>{(application) => <ApplicationPage application={application} />}</QueryView>;
}
