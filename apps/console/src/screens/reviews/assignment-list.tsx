import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { formatDateTime } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { SelectField } from '../../ui/forms';
import { PagedTable, usePagedList, type Column } from '../../ui/lists';
import { ASSIGNMENT_STATES, AssignmentStateBadge, useStateLabel, type Assignment, type AssignmentState } from './assignment-state';
import { reviewsText } from './messages';
import { ProgrammeName, shortRef } from '../../ui/entity-names';

/** The reviewer's assignments, newest first, with their due dates; overdue ones flagged. */
export function AssignmentList() {
  const t = useText(reviewsText);
  const { language } = useLanguage();
  const stateLabel = useStateLabel();
  const [state, setState] = useState<AssignmentState | ''>('');
  const list = usePagedList(['review-assignments', state], (cursor) =>
    unwrap(api.applications.GET('/v1/review-assignments', { params: { query: { cursor, state: state || undefined } } })),
  );
  const columns: Column<Assignment>[] = [
    {
      header: t('COLUMN_APPLICATION'),
      cell: (a) => (
<Link to={`/reviews/${a.id}`}>{t('APPLICATION_REF', { ref: shortRef(a.applicationId) })}</Link>
      ),
    },
    { header: t('COLUMN_PROGRAMME'), cell: (a) => <ProgrammeName programmeId={a.programmeId} /> },
    { header: t('COLUMN_DUE'), cell: (a) => formatDateTime(a.dueAt, language) },
    { header: t('COLUMN_STATE'), cell: (a) => <AssignmentStateBadge assignment={a} /> },
  ];
  return (
    <section className="panel">
      <h1>{t('MY_REVIEWS')}</h1>
      <div className="toolbar">
        <SelectField
          label={t('FILTER_STATE')}
          value={state}
          onChange={setState}
          options={[{ value: '' as const, label: t('FILTER_ALL') }, ...ASSIGNMENT_STATES.map((s) => ({ value: s, label: stateLabel(s) }))]}
        />
      </div>
      <PagedTable list={list} caption={t('MY_ASSIGNMENTS')} columns={columns} rowKey={(a) => a.id} />
    </section>
  );
}
