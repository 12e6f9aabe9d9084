import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { ErrorNotice, Loading } from '../../ui/feedback';
import { SelectField, TextField } from '../../ui/forms';
import { PagedTable, usePagedList, type Column } from '../../ui/lists';
import { NativeName } from '../../ui/names';
import { useProgrammeChoices } from '../programmes/programme-api';
import { APPLICATION_STATES, applicationKeys, type Application, type ApplicationState } from './application-api';
import { applicationsText } from './messages';
import { StartupName } from './startup-name';
import '../programmes/programmes.css';

const PAGE = 25;
/** While searching, rows are matched in the browser: larger pages find the matches in fewer clicks. */
const SEARCH_PAGE = 200;

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

/**
 * Startups whose name (in its own script or Latin letters, any case) contains the search: the
 * startups service searches names, the application list does not, so the two are joined here.
 */
function useNameMatches(q: string) {
  const queries = useQueryClient();
  return useQuery({
    queryKey: ['startups', 'search', q],
    enabled: q !== '',
    queryFn: async () => {
      const page = await unwrap(api.applications.GET('/v1/startups', { params: { query: { q, limit: 200 } } }));
      for (const startup of page.items) queries.setQueryData(applicationKeys.startup(startup.id), startup);
      return { ids: new Set(page.items.map((s) => s.id)), more: Boolean(page.nextCursor) };
    },
  });
}

function ProgrammeName({ programmeId }: { programmeId: string }) {
  const choices = useProgrammeChoices().data?.items;
  const programme = choices?.find((p) => p.id === programmeId);
  return <Link to={`/programmes/${programmeId}`}>{programme ? <NativeName name={programme.name} latin={programme.nameLatin} /> : `${programmeId.slice(0, 8)}…`}</Link>;
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
  const matches = useNameMatches(filters.q);
  const searching = filters.q !== '';
  const list = usePagedList<Application>([...applicationKeys.all, 'list', filters.programmeId, filters.state, searching], (cursor) =>
    unwrap(
      api.applications.GET('/v1/applications', {
        params: { query: { cursor, limit: searching ? SEARCH_PAGE : PAGE, programmeId: filters.programmeId || undefined, state: filters.state || undefined } },
      }),
    ),
  );
  const shown = searching && matches.data ? { ...list, items: list.items.filter((a) => matches.data.ids.has(a.startupId)) } : list;
  const columns: Column<Application>[] = [
    {
      header: t('COLUMN_STARTUP'),
      cell: (a) => (
        <Link to={`/applications/${a.id}`}>
          <StartupName startupId={a.startupId} />
        </Link>
      ),
    },
    { header: t('COLUMN_PROGRAMME'), cell: (a) => <ProgrammeName programmeId={a.programmeId} /> },
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
      {searching && matches.isPending && <Loading />}
      {searching && matches.error ? <ErrorNotice error={matches.error} onRetry={() => void matches.refetch()} /> : null}
      {searching && matches.data?.ids.size === 0 && <p className="empty">{t('SEARCH_NO_STARTUP', { q: filters.q })}</p>}
      {searching && matches.data && matches.data.ids.size > 0 && <p className="subtle">{t('SEARCH_RESULT', { q: filters.q, count: matches.data.ids.size })}</p>}
      {searching && matches.data?.more && <p className="notice notice-warning">{t('SEARCH_TOO_MANY')}</p>}
      {(!searching || (matches.data && matches.data.ids.size > 0)) && <PagedTable list={shown} caption={searching ? t('SEARCH_CAPTION', { q: filters.q }) : t('LIST_CAPTION')} columns={columns} rowKey={(a) => a.id} />}
    </section>
  );
}
