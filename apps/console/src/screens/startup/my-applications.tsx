import { Link } from 'react-router-dom';
import type { ApplicationsApi } from '@exchange/sdk/browser';
import { api, unwrap } from '../../api/client';
import { formatDateTime } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { PagedTable, usePagedList, type Column } from '../../ui/lists';
import { ProgrammeName, shortRef } from '../../ui/entity-names';
import { startupText } from './messages';

type Application = ApplicationsApi.components['schemas']['ApplicationResponse'];

/** A machine code (state, outcome) beside its words: small and plain, for people who quote it. */
export function MachineCode({ code }: { code: string }) {
  return <span style={{ color: 'var(--muted)', fontSize: '0.85em', fontFamily: 'ui-monospace, monospace', fontWeight: 'normal' }}>({code})</span>;
}

/** The status in the plain words the service answers in the reader's language, with its machine code small beside. */
export function StatusText({ status, state }: { status: string; state: string }) {
  return (
    <>
      <span>{status}</span> <MachineCode code={state} />
    </>
  );
}

/** The startup's own applications, each with its status in plain words and a way to its history. */
export function MyApplications() {
  const t = useText(startupText);
  const { language } = useLanguage();
  const list = usePagedList(['my-applications'], (cursor) => unwrap(api.applications.GET('/v1/applications', { params: { query: { cursor } } })));
  const columns: Column<Application>[] = [
    { header: t('COLUMN_PROGRAMME'), cell: (a) => <ProgrammeName programmeId={a.programmeId} /> },
    { header: t('COLUMN_STATUS'), cell: (a) => <StatusText status={a.status} state={a.state} /> },
    { header: t('COLUMN_SUBMITTED'), cell: (a) => formatDateTime(a.submittedAt, language) },
    { header: t('COLUMN_UPDATED'), cell: (a) => formatDateTime(a.updatedAt, language) },
    {
      header: t('COLUMN_DETAILS'),
      cell: (a) => <Link to={`/my-applications/${a.id}`}>{t('STATUS_HISTORY_OF', { ref: shortRef(a.id) })}</Link>,
    },
  ];
  return (
    <section className="panel">
      <h1>{t('MY_APPLICATIONS')}</h1>
      <PagedTable list={list} caption={t('APPLICATIONS_CAPTION')} columns={columns} rowKey={(a) => a.id} />
    </section>
  );
}
