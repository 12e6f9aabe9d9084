import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { ErrorNotice } from '../../ui/feedback';
import { SelectField, TextField } from '../../ui/forms';
import { PagedTable, usePagedList, type Column } from '../../ui/lists';
import { ProgrammeName } from '../../ui/entity-names';
import { NativeName } from '../../ui/names';
import { useProgrammeChoices } from '../programmes/programme-api';
import { APPLICATION_STATES, applicationKeys, type Application, type ApplicationState } from './application-api';
import { applicationsText } from './messages';

const PAGE = 25;

/** The filters live in the address, so a filtered list can be bookmarked, shared and returned to. */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const filters = { programmeId: params.get('programme') ?? '', state: (params.get('state') ?? '') as ApplicationState | '', q: params.get('q') ?? '' };
  const set = (next: typeof filters) => {
    const entries = Object.entries({ programme: next.programmeId, state: next.state, q: next.q.trim() }).filter(([, v]) => v !== '');
    setParams(new URLSearchParams(entries), { replace: true });
  };
  return { filters, set };
}

function Filters({ initial, onApply }: { initial: ReturnType<typeof useFilters>['filters']; onApply: (filters: ReturnType<typeof useFilters>['filters']) => void }) {
  const t = useText(applicationsText);
  const choices = useProgrammeChoices();
  const [draft, setDraft] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const programmes = choices.data?.items ?? [];
  return (
    <form className="toolbar" role="search" aria-label={t('FILTERS')} onSubmit={submit}>
      <TextField label={t('SEARCH_LABEL')} hint={t('SEARCH_HINT')} type="search" value={draft.q} onChange={(q) => setDraft({ ...draft, q })} />
      <SelectField
        label={t('FILTER_PROGRAMME')}
        value={draft.programmeId}
        onChange={(programmeId) => onApply({ ...draft, programmeId })}
        options={[{ value: '', label: t('ANY_PROGRAMME') }, ...programmes.map((p) => ({ value: p.id, label: p.nameLatin && p.nameLatin !== p.name ? `${p.name} · ${p.nameLatin}` : p.name }))]}
      />
      <SelectField
        label={t('FILTER_STATE')}
        value={draft.state}
        onChange={(state) => onApply({ ...draft, state })}
        options={[{ value: '' as const, label: t('ANY_STATE') }, ...APPLICATION_STATES.map((s) => ({ value: s, label: t(`STATE_${s}`) }))]}
      />
      <div className="field">
        <button type="submit" className="primary">
          {t('SEARCH_SUBMIT')}
        </button>
      </div>
      {choices.error ? <ErrorNotice error={choices.error} /> : null}
    </form>
  );
}

/** The applications to the programmes of the manager's organisation, filtered and searchable by startup name. */
export function ApplicationList() {
  const t = useText(applicationsText);
  const { language } = useLanguage();
  const { filters, set } = useFilters();
  const searching = filters.q !== '';
  // The service searches the startups' names in any script and case (`q`).
  const list = usePagedList<Application>([...applicationKeys.all, 'list', filters.programmeId, filters.state, filters.q], (cursor) =>
    unwrap(
      api.applications.GET('/v1/applications', {
        params: { query: { cursor, limit: PAGE, programmeId: filters.programmeId || undefined, state: filters.state || undefined, q: filters.q || undefined } },
      }),
    ),
  );
  const columns: Column<Application>[] = [
    {
      header: t('COLUMN_STARTUP'),
      cell: (a) => (
        <Link to={`/applications/${a.id}`}>{a.startup ? <NativeName name={a.startup.name} latin={a.startup.nameLatin} /> : `${a.startupId.slice(0, 8)}…`}</Link>
      ),
    },
    {
      header: t('COLUMN_PROGRAMME'),
      cell: (a) => (
        <Link to={`/programmes/${a.programmeId}`}>
          <ProgrammeName programmeId={a.programmeId} />
        </Link>
      ),
    },
    {
      header: t('COLUMN_STATUS'),
      cell: (a) => (
        <>
          {t(`STATE_${a.state}`)}
          <span className="code-tag">{a.state}</span>
        </>
      ),
    },
    { header: t('COLUMN_SUBMITTED'), cell: (a) => formatDateTime(a.submittedAt, language) },
    { header: t('COLUMN_SCORE'), cell: (a) => (a.score === null || a.score === undefined ? '—' : formatNumber(Math.round(a.score * 100) / 100, language)), numeric: true },
    { header: t('COLUMN_REVIEWS'), cell: (a) => a.reviewsCompleted ?? '—', numeric: true },
  ];
  return (
    <section className="panel">
      <h1>{t('LIST_TITLE')}</h1>
      <Filters key={`${filters.programmeId}|${filters.state}|${filters.q}`} initial={filters} onApply={set} />
      {searching && !list.isPending && list.items.length === 0 && !list.error && <p className="empty">{t('SEARCH_NO_STARTUP', { q: filters.q })}</p>}
      <PagedTable list={list} caption={searching ? t('SEARCH_CAPTION', { q: filters.q }) : t('LIST_CAPTION')} columns={columns} rowKey={(a) => a.id} />
    </section>
  );
}
