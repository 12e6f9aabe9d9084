import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { formatDateTime } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { SelectField } from '../../ui/forms';
import { PagedTable, usePagedList } from '../../ui/lists';
import { NativeName } from '../../ui/names';
import { usePrincipal } from '../../session/session';
import { programmesText } from './messages';
import { PROGRAMME_KINDS, PROGRAMME_STATES, programmeKeys, type Programme, type ProgrammeKind, type ProgrammeState } from './programme-api';
import { StateBadge } from './state-badge';

type Any = '';

/** Every programme the manager may see: their organisation's drafts and everything published. */
export function ProgrammeList() {
  const t = useText(programmesText);
  const { language } = useLanguage();
  const { organisationId } = usePrincipal();
  const [state, setState] = useState<ProgrammeState | Any>('');
  const [kind, setKind] = useState<ProgrammeKind | Any>('');
  const list = usePagedList<Programme>([...programmeKeys.all, 'list', state, kind], (cursor) =>
    unwrap(api.applications.GET('/v1/programmes', { params: { query: { cursor, limit: 25, state: state || undefined, kind: kind || undefined } } })),
  );
  return (
    <section className="panel">
      <div className="page-head">
        <h1>{t('LIST_TITLE')}</h1>
        <Link className="button-link" to="/programmes/new">
          {t('NEW_PROGRAMME')}
        </Link>
      </div>
      <div className="toolbar">
        <SelectField
          label={t('FILTER_STATE')}
          value={state}
          onChange={setState}
          options={[{ value: '' as const, label: t('ANY') }, ...PROGRAMME_STATES.map((s) => ({ value: s, label: t(`STATE_${s}`) }))]}
        />
        <SelectField
          label={t('FILTER_KIND')}
          value={kind}
          onChange={setKind}
          options={[{ value: '' as const, label: t('ANY') }, ...PROGRAMME_KINDS.map((k) => ({ value: k, label: t(`KIND_${k}`) }))]}
        />
      </div>
      <PagedTable
        list={list}
        caption={t('LIST_CAPTION')}
        rowKey={(p) => p.id}
        columns={[
          {
            header: t('COLUMN_NAME'),
            cell: (p) => (
              <Link to={`/programmes/${p.id}`}>
                <NativeName name={p.name} latin={p.nameLatin} />
              </Link>
            ),
          },
          { header: t('COLUMN_KIND'), cell: (p) => t(`KIND_${p.kind}`) },
          { header: t('COLUMN_STATE'), cell: (p) => <StateBadge state={p.state} /> },
          { header: t('COLUMN_HOST'), cell: (p) => `${p.hostCity}, ${p.hostCountry}` },
          { header: t('COLUMN_OPENS'), cell: (p) => formatDateTime(p.window.opensAt, language) },
          { header: t('COLUMN_CLOSES'), cell: (p) => formatDateTime(p.window.closesAt, language) },
          { header: t('COLUMN_ORGANISER'), cell: (p) => (p.organiserOrganisationId === organisationId ? t('ORGANISER_YOURS') : t('ORGANISER_OTHER')) },
        ]}
      />
    </section>
  );
}
