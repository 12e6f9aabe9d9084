import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { useText } from '../../i18n/language';
import { usePrincipal } from '../../session/session';
import { QueryView, SuccessNotice } from '../../ui/feedback';
import { ActionButton } from '../../ui/forms';
import { NativeName } from '../../ui/names';
import { ChangedNotice, useConflictGuard, type WatchedField } from '../pilots/changes';
import { CandidateList } from './candidate-list';
import { CohortFacts } from './cohort-facts';
import { GraduationForm } from './graduation-form';
import { OfferList, WaitlistList } from './member-lists';
import { cohortsText } from './messages';
import { cohortKeys, loadCohort } from './queries';
import { SelectionPanel } from './selection-panel';
import type { Cohort, Selection } from './types';

export function CohortScreen() {
  const { cohortId = '' } = useParams();
  const query = useQuery({ queryKey: cohortKeys.cohort(cohortId), queryFn: () => loadCohort(cohortId) });
  return (
    <section className="panel">
      <QueryView query={query}>{(cohort) => <CohortDetail cohort={cohort} />}</QueryView>
    </section>
  );
}

/** One cohort through its life: candidates and selection while planning, then offers, waitlist, start and graduation. */
function CohortDetail({ cohort }: { cohort: Cohort }) {
  const t = useText(cohortsText);
  const principal = usePrincipal();
  const queries = useQueryClient();
  const [committed, setCommitted] = useState<Selection | null>(null);
  const [graduated, setGraduated] = useState(false);
  const manages = principal.role === 'programme_manager';

  const watched: WatchedField<Cohort>[] = [
    { label: t('COL_STATE'), show: (c) => t(`COHORT_STATE_${c.state}`), decisive: true },
    { label: t('COL_CAPACITY'), show: (c) => String(c.capacity) },
    { label: t('FACT_VERSION'), show: (c) => String(c.version) },
  ];
  const { guard, conflict } = useConflictGuard(cohortKeys.cohort(cohort.id), cohort, () => loadCohort(cohort.id), watched);
  const refresh = async (fresh?: Cohort) => {
    if (fresh) queries.setQueryData(cohortKeys.cohort(cohort.id), fresh);
    else await queries.invalidateQueries({ queryKey: cohortKeys.cohort(cohort.id) });
    await queries.invalidateQueries({ queryKey: cohortKeys.within(cohort.id) });
    await queries.invalidateQueries({ queryKey: cohortKeys.cohorts });
  };
  const start = async () => {
    const started = await guard(() => unwrap(api.cohorts.POST('/v1/cohorts/{id}/start', { params: { path: { id: cohort.id } }, body: { version: cohort.version } })));
    await refresh(started);
  };
  const offersOut = cohort.state !== 'planning' && cohort.state !== 'cancelled';

  return (
    <>
      <p>
        <Link to="/cohorts">{t('BACK_TO_COHORTS')}</Link>
      </p>
      <h1>
        <NativeName name={cohort.name} latin={cohort.nameLatin} />
      </h1>
      <ChangedNotice conflict={conflict} />
      {committed && <SuccessNotice>{t('COMMITTED_DONE', { offers: committed.offers.length, waitlist: committed.waitlist.length })}</SuccessNotice>}
      {graduated && <SuccessNotice>{t('GRADUATED_DONE')}</SuccessNotice>}

      <h2>{t('SECTION_COHORT')}</h2>
      <CohortFacts cohort={cohort} />

      {cohort.state === 'planning' && (
        <>
          <h2>{t('SECTION_CANDIDATES')}</h2>
          <CandidateList cohortId={cohort.id} />
          <h2>{t('SECTION_SELECTION')}</h2>
          <SelectionPanel
            cohort={cohort}
            guard={guard}
            onCommitted={(selection) => {
              setCommitted(selection);
              void refresh();
            }}
          />
        </>
      )}

      {offersOut && (
        <>
          <h2>{t('SECTION_OFFERS')}</h2>
          <OfferList cohortId={cohort.id} canDropOut={manages && cohort.state !== 'graduated'} />
          <h2>{t('SECTION_WAITLIST')}</h2>
          <WaitlistList cohortId={cohort.id} />
        </>
      )}

      {manages && cohort.state === 'selecting' && (
        <>
          <h2>{t('SECTION_START')}</h2>
          <p>{t('START_HINT')}</p>
          <ActionButton action={start} className="primary">
            {t('START_SUBMIT')}
          </ActionButton>
        </>
      )}

      {manages && cohort.state === 'in_progress' && (
        <>
          <h2>{t('SECTION_GRADUATION')}</h2>
          <GraduationForm
            cohort={cohort}
            guard={guard}
            onGraduated={(fresh) => {
              setGraduated(true);
              void refresh(fresh);
            }}
          />
        </>
      )}
    </>
  );
}
