import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { ErrorNotice } from '../../ui/feedback';
import { SelectField, useAction } from '../../ui/forms';
import { PagedTable, usePagedList, type Column } from '../../ui/lists';
import { MemberStateBadge } from './labels';
import { cohortsText } from './messages';
import { cohortKeys } from './queries';
import { useStartup } from '../../api/queries';
import { StartupName } from '../../ui/entity-names';
import { OFFER_STATES, type Member, type MemberState } from './types';

type OfferFilter = MemberState | 'all';

const fetchMembers = (cohortId: string, state: MemberState | undefined) => (cursor: string | undefined) =>
  unwrap(api.cohorts.GET('/v1/cohorts/{id}/members', { params: { path: { id: cohortId }, query: { cursor, state } } }));

/** The manager records that an accepted startup left; the group's next waitlisted startup is offered the place. */
function DropOutButton({ cohortId, member }: { cohortId: string; member: Member }) {
  const t = useText(cohortsText);
  const queries = useQueryClient();
  const name = useStartup(member.startupId).data?.name ?? member.startupId;
  const dropOut = useAction(async () => {
    await unwrap(api.cohorts.POST('/v1/cohorts/{cohortId}/members/{memberId}/drop-out', { params: { path: { cohortId, memberId: member.id } } }));
    await queries.invalidateQueries({ queryKey: cohortKeys.within(cohortId) });
  });
  return (
    <>
      <button type="button" className="danger" aria-label={t('DROP_OUT_OF', { name })} disabled={dropOut.pending} aria-busy={dropOut.pending} onClick={() => void dropOut.run()}>
        {t('DROP_OUT')}
      </button>
      {Boolean(dropOut.problem) && <ErrorNotice error={dropOut.problem} />}
    </>
  );
}

function Deadline({ member }: { member: Member }) {
  const t = useText(cohortsText);
  const { language } = useLanguage();
  const passed = member.state === 'offered' && member.offerDeadlineAt !== null && Date.parse(member.offerDeadlineAt) < Date.now();
  return (
    <>
      {formatDateTime(member.offerDeadlineAt, language)}
      {passed && <span className="badge overdue"> {t('DEADLINE_PASSED')}</span>}
    </>
  );
}

/** The offers of a cohort with their state, deadline and answer; the waitlist has its own list. */
export function OfferList({ cohortId, canDropOut }: { cohortId: string; canDropOut: boolean }) {
  const t = useText(cohortsText);
  const { language } = useLanguage();
  const [state, setState] = useState<OfferFilter>('all');
  const list = usePagedList([...cohortKeys.within(cohortId), 'members', state], fetchMembers(cohortId, state === 'all' ? undefined : state));
  // "Every offer" is every member but the waitlisted, who are listed below.
  const offers = { ...list, items: list.items.filter((m) => m.state !== 'waitlisted') };
  const columns: Column<Member>[] = [
    { header: t('COL_STARTUP'), cell: (m) => <StartupName startupId={m.startupId} /> },
    { header: t('COL_GROUP'), cell: (m) => m.group },
    { header: t('COL_RANK'), cell: (m) => m.rank, numeric: true },
    { header: t('COL_EFFECTIVE_SCORE'), cell: (m) => (m.score === null ? '—' : formatNumber(m.score, language)), numeric: true },
    { header: t('COL_STATE'), cell: (m) => <MemberStateBadge state={m.state} /> },
    { header: t('COL_OFFERED_AT'), cell: (m) => formatDateTime(m.offeredAt, language) },
    { header: t('COL_DEADLINE'), cell: (m) => <Deadline member={m} /> },
    { header: t('COL_RESPONDED_AT'), cell: (m) => formatDateTime(m.respondedAt, language) },
    { header: t('COL_NOTE'), cell: (m) => m.graduationNote ?? '—' },
  ];
  if (canDropOut) columns.push({ header: t('COL_ACTIONS'), cell: (m) => (m.state === 'accepted' ? <DropOutButton cohortId={cohortId} member={m} /> : null) });
  return (
    <>
      <div className="toolbar">
        <SelectField<OfferFilter>
          label={t('FILTER_STATE')}
          value={state}
          onChange={setState}
          options={[{ value: 'all', label: t('ALL_OFFERS') }, ...OFFER_STATES.map((s) => ({ value: s, label: t(`MEMBER_STATE_${s}`) }))]}
        />
      </div>
      <PagedTable list={offers} caption={t('MEMBERS_CAPTION')} columns={columns} rowKey={(m) => m.id} />
    </>
  );
}

/** The waitlisted startups of a cohort, by group and rank (the API's order). */
export function WaitlistList({ cohortId }: { cohortId: string }) {
  const t = useText(cohortsText);
  const { language } = useLanguage();
  const list = usePagedList([...cohortKeys.within(cohortId), 'members', 'waitlisted'], fetchMembers(cohortId, 'waitlisted'));
  const columns: Column<Member>[] = [
    { header: t('COL_STARTUP'), cell: (m) => <StartupName startupId={m.startupId} /> },
    { header: t('COL_GROUP'), cell: (m) => m.group },
    { header: t('COL_RANK'), cell: (m) => m.rank, numeric: true },
    { header: t('COL_EFFECTIVE_SCORE'), cell: (m) => (m.score === null ? '—' : formatNumber(m.score, language)), numeric: true },
  ];
  return <PagedTable list={list} caption={t('WAITLIST_MEMBERS_CAPTION')} columns={columns} rowKey={(m) => m.id} />;
}
