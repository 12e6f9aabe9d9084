import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import type { ApplicationsApi } from '@exchange/sdk/browser';
import { api, unwrap } from '../../api/client';
import { formatDateTime } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { DataTable } from '../../ui/lists';
import { AnswerList } from '../reviews/answer-list';
import { DetailView } from '../reviews/detail-view';
import { ProgrammeName, shortRef } from '../../ui/entity-names';
import { startupText } from './messages';
import { MachineCode, StatusText } from './my-applications';

type Application = ApplicationsApi.components['schemas']['ApplicationResponse'];
type History = ApplicationsApi.components['schemas']['StatusHistoryResponse'];
type Change = History['transitions'][number];

/** One of the startup's applications: where it stands, in plain words, and every change with its reason. */
export function ApplicationStatus() {
  const { applicationId = '' } = useParams();
  const query = useQuery({
    queryKey: ['my-application', applicationId],
    queryFn: async () => {
      const path = { params: { path: { id: applicationId } } };
      const [application, history] = await Promise.all([unwrap(api.applications.GET('/v1/applications/{id}', path)), unwrap(api.applications.GET('/v1/applications/{id}/history', path))]);
      return { application, history };
    },
  });
  const t = useText(startupText);
  return (
    <DetailView title={t('APPLICATION_TITLE', { ref: shortRef(applicationId) })} query={query}>
      {({ application, history }) => <StatusScreen application={application} history={history} />}
    </DetailView>
  );
}

function StatusScreen({ application, history }: { application: Application; history: History }) {
  const t = useText(startupText);
  const { language } = useLanguage();
  // Newest first: the person asks "where is it now, and why".
  const changes = [...history.transitions].reverse();
  return (
    <>
      <p>
        <Link to="/my-applications">{t('BACK_TO_APPLICATIONS')}</Link>
      </p>
      <section className="panel">
        <h1>{t('APPLICATION_TITLE', { ref: shortRef(application.id) })}</h1>
        <dl className="facts">
          <dt>{t('COLUMN_PROGRAMME')}</dt>
          <dd>
            <ProgrammeName programmeId={application.programmeId} />
          </dd>
          <dt>{t('CURRENT_STATUS')}</dt>
          <dd>
            <strong>
              <StatusText status={history.status} state={history.state} />
            </strong>
            {application.fastTrack && <span className="badge ok"> {t('FAST_TRACK')}</span>}
          </dd>
          <dt>{t('COLUMN_SUBMITTED')}</dt>
          <dd>{formatDateTime(application.submittedAt, language)}</dd>
          {application.decision && (
            <>
              <dt>{t('DECISION')}</dt>
              <dd>
                {application.decision.reason} <MachineCode code={application.decision.outcome} /> · {formatDateTime(application.decision.decidedAt, language)}
              </dd>
            </>
          )}
        </dl>
        <h2>{t('STATUS_HISTORY')}</h2>
        <DataTable<Change>
          caption={t('STATUS_CHANGES')}
          rows={changes}
          rowKey={(c) => `${c.at}-${c.to}`}
          columns={[
            { header: t('COLUMN_WHEN'), cell: (c) => formatDateTime(c.at, language) },
            { header: t('COLUMN_STATUS'), cell: (c) => <StatusText status={c.status} state={c.to} /> },
            { header: t('COLUMN_REASON'), cell: (c) => c.reason ?? '—' },
          ]}
        />
        <h2>{t('ANSWERS')}</h2>
        <AnswerList answers={application.answers} />
      </section>
    </>
  );
}
