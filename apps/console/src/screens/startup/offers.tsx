import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { CohortsApi } from '@exchange/sdk/browser';
import { api, unwrap } from '../../api/client';
import { formatDateTime } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { SuccessNotice } from '../../ui/feedback';
import { FormProblem, SubmitButton, TextArea, useAction } from '../../ui/forms';
import { uiText } from '../../ui/messages';
import { PagedTable, usePagedList, type Column } from '../../ui/lists';
import { shortRef } from '../../ui/entity-names';
import { RowAction } from '../reviews/row-action';
import { startupText } from './messages';
import { MEMBER_STATE_TEXT, type MemberState } from './offer-state';

type Offer = CohortsApi.components['schemas']['MemberDto'];

const OFFERS_KEY = ['my-offers'];

/** The startup's cohort offers with their deadlines, answered here (accept, or decline with a reason). */
export function Offers() {
  const t = useText(startupText);
  const { language } = useLanguage();
  const queries = useQueryClient();
  const [declining, setDeclining] = useState<Offer | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const list = usePagedList(OFFERS_KEY, (cursor) => unwrap(api.cohorts.GET('/v1/offers', { params: { query: { cursor } } })));
  const cohortOf = (o: Offer) => t('COHORT_REF', { ref: shortRef(o.cohortId) });

  const accept = async (offer: Offer) => {
    setDone(null);
    await unwrap(api.cohorts.POST('/v1/offers/{id}/accept', { params: { path: { id: offer.id } } }));
    setDone(t('OFFER_ACCEPTED', { cohort: cohortOf(offer) }));
    await queries.invalidateQueries({ queryKey: OFFERS_KEY });
  };

  const columns: Column<Offer>[] = [
    { header: t('COLUMN_COHORT'), cell: (o) => cohortOf(o) },
    { header: t('COLUMN_GROUP'), cell: (o) => t('GROUP_RANK', { group: o.group, rank: o.rank }) },
    {
      header: t('COLUMN_STATE'),
      cell: (o) => <span className={o.state === 'accepted' || o.state === 'graduated' ? 'badge ok' : 'badge'}>{t(MEMBER_STATE_TEXT[o.state as MemberState] ?? 'MEMBER_offered')}</span>,
    },
    {
      header: t('COLUMN_DEADLINE'),
      cell: (o) => (
        <>
          {formatDateTime(o.offerDeadlineAt, language)}
          {o.state === 'offered' && o.offerDeadlineAt && new Date(o.offerDeadlineAt) < new Date() && <span className="badge overdue"> {t('DEADLINE_PASSED')}</span>}
        </>
      ),
    },
    {
      header: t('COLUMN_ANSWER'),
      cell: (o) =>
        o.state === 'offered' ? (
          <span className="toolbar">
            <RowAction label={t('ACCEPT_OFFER', { cohort: cohortOf(o) })} action={() => accept(o)} className="primary">
              {t('ACCEPT')}
            </RowAction>
            <button type="button" aria-label={t('DECLINE_OFFER', { cohort: cohortOf(o) })} aria-expanded={declining?.id === o.id} onClick={() => setDeclining(o)}>
              {t('DECLINE')}
            </button>
          </span>
        ) : o.respondedAt ? (
          t('ANSWERED_AT', { date: formatDateTime(o.respondedAt, language) })
        ) : (
          '—'
        ),
    },
  ];
  return (
    <>
      <section className="panel">
        <h1>{t('OFFERS')}</h1>
        <p className="hint">{t('OFFERS_HINT')}</p>
        {done && <SuccessNotice>{done}</SuccessNotice>}
        <PagedTable list={list} caption={t('OFFERS_CAPTION')} columns={columns} rowKey={(o) => o.id} />
      </section>
      {declining && (
        <DeclineForm
          key={declining.id}
          offer={declining}
          cohort={cohortOf(declining)}
          onDone={async () => {
            setDone(t('OFFER_DECLINED', { cohort: cohortOf(declining) }));
            setDeclining(null);
            await queries.invalidateQueries({ queryKey: OFFERS_KEY });
          }}
          onCancel={() => setDeclining(null)}
        />
      )}
    </>
  );
}

function DeclineForm({ offer, cohort, onDone, onCancel }: { offer: Offer; cohort: string; onDone: () => Promise<void>; onCancel: () => void }) {
  const t = useText(startupText);
  const ui = useText(uiText);
  const [reason, setReason] = useState('');
  const decline = useAction(async () => {
    await unwrap(api.cohorts.POST('/v1/offers/{id}/decline', { params: { path: { id: offer.id } }, body: { reason: reason.trim() || null } }));
    await onDone();
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void decline.run();
  };
  return (
    <section className="panel">
      <h2>{t('DECLINE_OFFER', { cohort })}</h2>
      <form onSubmit={submit} noValidate>
        <FormProblem problem={decline.problem} />
        <TextArea label={t('DECLINE_REASON')} rows={3} value={reason} onChange={setReason} error={decline.fieldError('reason')} />
        <div className="toolbar">
          <SubmitButton pending={decline.pending}>{t('CONFIRM_DECLINE')}</SubmitButton>
          <button type="button" onClick={onCancel}>
            {ui('CANCEL')}
          </button>
        </div>
      </form>
    </section>
  );
}
