import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { formatDateTime } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { QueryView, SuccessNotice } from '../../ui/feedback';
import { ActionButton } from '../../ui/forms';
import { DataTable } from '../../ui/lists';
import { uiText } from '../../ui/messages';
import { NativeName } from '../../ui/names';
import { usePrincipal } from '../../session/session';
import { AutoAssignment } from './auto-assignment';
import { programmesText } from './messages';
import { programmeKeys, useProgramme, type Programme } from './programme-api';
import { Ranking } from './ranking';
import { ReviewProgress } from './review-progress';
import { StateBadge } from './state-badge';

const SECTIONS = ['facts', 'eligibility', 'rubric', 'review-progress', 'assignment', 'ranking'] as const;
type Section = (typeof SECTIONS)[number];
/** The work only the organiser's managers do (the service refuses everyone else); partners still read the ranking. */
const ORGANISER_ONLY: ReadonlySet<Section> = new Set(['review-progress', 'assignment']);
const SECTION_TITLE = {
  facts: 'SECTION_FACTS',
  eligibility: 'SECTION_ELIGIBILITY',
  rubric: 'SECTION_RUBRIC',
  'review-progress': 'SECTION_REVIEW_PROGRESS',
  assignment: 'SECTION_ASSIGNMENT',
  ranking: 'SECTION_RANKING',
} as const satisfies Record<Section, string>;

/** Publish a draft; close a published programme after saying what closing means. */
function Transitions({ programme }: { programme: Programme }) {
  const t = useText(programmesText);
  const ui = useText(uiText);
  const queries = useQueryClient();
  const [confirmClose, setConfirmClose] = useState(false);
  const transition = (action: 'publish' | 'close') => async () => {
    const path = action === 'publish' ? '/v1/programmes/{id}/publish' : '/v1/programmes/{id}/close';
    const changed = await unwrap(api.applications.POST(path, { params: { path: { id: programme.id } } }));
    queries.setQueryData(programmeKeys.one(programme.id), changed);
    await queries.invalidateQueries({ queryKey: programmeKeys.all });
    setConfirmClose(false);
  };
  return (
    <div className="page-actions">
      {programme.state === 'draft' && (
        <>
          <Link className="button-link secondary" to={`/programmes/${programme.id}/edit`}>
            {t('EDIT')}
          </Link>
          <ActionButton className="primary" action={transition('publish')}>
            {t('PUBLISH')}
          </ActionButton>
        </>
      )}
      {programme.state === 'published' && !confirmClose && (
        <button type="button" className="danger" onClick={() => setConfirmClose(true)}>
          {t('CLOSE')}
        </button>
      )}
      {programme.state === 'published' && confirmClose && (
        <div className="notice notice-warning" role="group" aria-label={t('CLOSE')}>
          <p>{t('CLOSE_CONFIRM')}</p>
          <div className="page-actions">
            <ActionButton className="danger" action={transition('close')}>
              {t('CLOSE_CONFIRM_YES')}
            </ActionButton>
            <button type="button" onClick={() => setConfirmClose(false)}>
              {ui('CANCEL')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

function Facts({ programme: p }: { programme: Programme }) {
  const t = useText(programmesText);
  const { language } = useLanguage();
  const zoned = (iso: string, local: string) => `${formatDateTime(iso, language)} (${t('LOCAL_TIME', { time: local.slice(0, 16).replace('T', ' '), zone: p.window.timeZone })})`;
  return (
    <dl className="facts">
      <dt>{t('COLUMN_KIND')}</dt>
      <dd>{t(`KIND_${p.kind}`)}</dd>
      <dt>{t('COLUMN_STATE')}</dt>
      <dd>
        <StateBadge state={p.state} />
      </dd>
      {p.description && (
        <>
          <dt>{t('FIELD_DESCRIPTION')}</dt>
          <dd className="answer-text">{p.description}</dd>
        </>
      )}
      <dt>{t('COLUMN_HOST')}</dt>
      <dd>
        {p.hostCity}, {p.hostCountry}
      </dd>
      <dt>{t('FIELD_OPENS_AT')}</dt>
      <dd>{zoned(p.window.opensAt, p.window.opensAtLocal)}</dd>
      <dt>{t('FIELD_CLOSES_AT')}</dt>
      <dd>{zoned(p.window.closesAt, p.window.closesAtLocal)}</dd>
      <dt>{t('FIELD_CAPACITY')}</dt>
      <dd>{p.capacity ?? t('NO_LIMIT')}</dd>
      <dt>{t('FIELD_PARTNERS')}</dt>
      <dd>{p.partnerOrganisationIds.length > 0 ? p.partnerOrganisationIds.join(', ') : t('NONE')}</dd>
      <dt>{t('FIELD_REVIEWS_REQUIRED')}</dt>
      <dd>{p.reviewsRequired}</dd>
      <dt>{t('FIELD_BLIND_REVIEW')}</dt>
      <dd>{p.blindReview ? t('YES') : t('NO')}</dd>
      <dt>{t('FIELD_NORMALISATION')}</dt>
      <dd>{t(`NORMALISATION_${p.normalisation}`)}</dd>
      <dt>{t('VERSION')}</dt>
      <dd>
        {p.version} · {t('UPDATED_AT', { at: formatDateTime(p.updatedAt, language) })}
      </dd>
    </dl>
  );
}

function Eligibility({ programme: p }: { programme: Programme }) {
  const t = useText(programmesText);
  const e = p.eligibility;
  const certificate = e.requiredCertification;
  return (
    <dl className="facts">
      <dt>{t('FIELD_COUNTRIES')}</dt>
      <dd>{e.countries.length > 0 ? e.countries.join(', ') : t('ANY')}</dd>
      <dt>{t('FIELD_TECHNOLOGY_FIELDS')}</dt>
      <dd>{e.technologyFields.length > 0 ? e.technologyFields.join(', ') : t('ANY')}</dd>
      <dt>{t('TRL_RANGE')}</dt>
      <dd>{t('TRL_FROM_TO', { min: e.minTrl, max: e.maxTrl })}</dd>
      <dt>{t('FIELD_MAX_COMPANY_AGE')}</dt>
      <dd>{e.maxCompanyAgeYears ?? t('NO_LIMIT')}</dd>
      <dt>{t('FIELD_REQUIRE_CERTIFICATE')}</dt>
      <dd>
        {certificate
          ? [
              certificate.kind,
              certificate.minGrade ? t('MIN_GRADE', { grade: certificate.minGrade }) : null,
              certificate.verified ? t('FIELD_CERTIFICATE_VERIFIED') : null,
              certificate.issuerOrganisationIds?.length ? certificate.issuerOrganisationIds.join(', ') : null,
            ]
              .filter(Boolean)
              .join(' · ')
          : t('NONE')}
      </dd>
    </dl>
  );
}

function Rubric({ programme: p }: { programme: Programme }) {
  const t = useText(programmesText);
  return (
    <>
      <p>{t('SCALE', { min: p.rubric.scaleMin, max: p.rubric.scaleMax })}</p>
      <DataTable
        caption={t('RUBRIC_CAPTION')}
        rows={p.rubric.criteria}
        rowKey={(c) => c.key}
        columns={[
          { header: t('COLUMN_CRITERION'), cell: (c) => c.label },
          { header: t('COLUMN_KEY'), cell: (c) => <code>{c.key}</code> },
          { header: t('COLUMN_WEIGHT'), cell: (c) => c.weight, numeric: true },
        ]}
      />
    </>
  );
}

function ProgrammePage({ programme }: { programme: Programme }) {
  const t = useText(programmesText);
  const location = useLocation();
  const { organisationId } = usePrincipal();
  const organiser = programme.organiserOrganisationId === organisationId;
  const sections = SECTIONS.filter((section) => organiser || !ORGANISER_ONLY.has(section));
  const arrived = (location.state ?? {}) as { created?: boolean; saved?: boolean };
  const body: Record<Section, ReactNode> = {
    facts: <Facts programme={programme} />,
    eligibility: <Eligibility programme={programme} />,
    rubric: <Rubric programme={programme} />,
    'review-progress': <ReviewProgress programme={programme} />,
    assignment: <AutoAssignment programme={programme} />,
    ranking: <Ranking programme={programme} />,
  };
  return (
    <>
      <section className="panel">
        <p>
          <Link to="/programmes">{t('BACK_TO_PROGRAMMES')}</Link>
        </p>
        <div className="page-head">
          <h1>
            <NativeName name={programme.name} latin={programme.nameLatin} />
          </h1>
          {organiser && <Transitions programme={programme} />}
        </div>
        {!organiser && <p className="notice notice-warning">{t('NOT_ORGANISER')}</p>}
        {arrived.created && programme.state === 'draft' && <SuccessNotice>{t('CREATED_NOTICE')}</SuccessNotice>}
        {arrived.saved && <SuccessNotice>{t('SAVED_NOTICE')}</SuccessNotice>}
        <nav className="section-nav" aria-label={t('SECTIONS_NAV')}>
          <ul>
            {sections.map((section) => (
              <li key={section}>
                <a href={`#${section}`}>{t(SECTION_TITLE[section])}</a>
              </li>
            ))}
          </ul>
        </nav>
      </section>
      {sections.map((section) => (
        <section className="panel" key={section} id={section} aria-labelledby={`${section}-title`}>
          <h2 id={`${section}-title`}>{t(SECTION_TITLE[section])}</h2>
          {body[section]}
        </section>
      ))}
    </>
  );
}

/** One programme: its facts and rules, then the work of running it (reviews, assignment, ranking). */
export function ProgrammeDetail() {
  const { programmeId = '' } = useParams();
  const query = useProgramme(programmeId);
  return <QueryView query={query}>{(programme) => <ProgrammePage programme={programme} />}</QueryView>;
}
