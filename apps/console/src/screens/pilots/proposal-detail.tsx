import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { usePrincipal } from '../../session/session';
import { QueryView, SuccessNotice } from '../../ui/feedback';
import { DataTable } from '../../ui/lists';
import { NativeName } from '../../ui/names';
import { ApproveForm } from './approve-form';
import { ChangedNotice, useConflictGuard, type WatchedField } from './changes';
import { DeclineForm } from './decline-form';
import { ProposalStateBadge } from './labels';
import { pilotsText } from './messages';
import { ProgrammeName } from '../../ui/entity-names';
import { loadProposal, pilotKeys } from './queries';
import type { Proposal } from './types';

export function ProposalScreen() {
  const { proposalId = '' } = useParams();
  const query = useQuery({ queryKey: pilotKeys.proposal(proposalId), queryFn: () => loadProposal(proposalId) });
  return (
    <section className="panel">
      <QueryView query={query}>{(proposal) => <ProposalDetail proposal={proposal} />}</QueryView>
    </section>
  );
}

type Component = Proposal['components'][number];

function ProposalDetail({ proposal }: { proposal: Proposal }) {
  const t = useText(pilotsText);
  const { language } = useLanguage();
  const principal = usePrincipal();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const [declined, setDeclined] = useState(false);

  const watched: WatchedField<Proposal>[] = [
    { label: t('COL_STATE'), show: (p) => t(`PROPOSAL_STATE_${p.state}`), decisive: true },
    { label: t('FACT_DECIDED_AT'), show: (p) => formatDateTime(p.decidedAt, language) },
    { label: t('FACT_DECISION_REASON'), show: (p) => p.decisionReason ?? '—' },
    { label: t('COL_SCORE'), show: (p) => formatNumber(p.score, language) },
    { label: t('FACT_VERSION'), show: (p) => String(p.version) },
  ];
  const { guard, conflict } = useConflictGuard(pilotKeys.proposal(proposal.id), proposal, () => loadProposal(proposal.id), watched);

  const refreshLists = () => {
    void queries.invalidateQueries({ queryKey: pilotKeys.proposals });
    void queries.invalidateQueries({ queryKey: pilotKeys.pilots });
  };

  // Each component's reason in the reader's language sits at the same index in `localisedReasons`.
  const parts = proposal.components.map((component, i) => ({ component, reason: proposal.localisedReasons[i] }));

  return (
    <>
      <p>
        <Link to="/proposals">{t('BACK_TO_PROPOSALS')}</Link>
      </p>
      <h1>{t('PROPOSAL_TITLE', { startup: proposal.startupName, site: proposal.siteName })}</h1>

      <h2>{t('SECTION_PROPOSAL')}</h2>
      <dl className="facts">
        <dt>{t('COL_STARTUP')}</dt>
        <dd>
          <NativeName name={proposal.startupName} />
        </dd>
        <dt>{t('COL_SITE')}</dt>
        <dd>{proposal.siteName}</dd>
        <dt>{t('COL_PROGRAMME')}</dt>
        <dd>
          <ProgrammeName programmeId={proposal.programmeId} />
        </dd>
        <dt>{t('COL_SCORE')}</dt>
        <dd>{formatNumber(proposal.score, language)}</dd>
        <dt>{t('COL_STATE')}</dt>
        <dd>
          <ProposalStateBadge state={proposal.state} />
        </dd>
        <dt>{t('COL_PROPOSED_AT')}</dt>
        <dd>{formatDateTime(proposal.createdAt, language)}</dd>
        {proposal.decidedAt && (
          <>
            <dt>{t('FACT_DECIDED_AT')}</dt>
            <dd>{formatDateTime(proposal.decidedAt, language)}</dd>
          </>
        )}
        {proposal.decisionReason && (
          <>
            <dt>{t('FACT_DECISION_REASON')}</dt>
            <dd>{proposal.decisionReason}</dd>
          </>
        )}
        {proposal.pilotId && (
          <>
            <dt>{t('FACT_PILOT')}</dt>
            <dd>
              <Link to={`/pilots/${proposal.pilotId}`}>{t('OPEN_THE_PILOT')}</Link>
            </dd>
          </>
        )}
      </dl>

      <h2>{t('SECTION_MATCH')}</h2>
      <DataTable<{ component: Component; reason: Proposal['localisedReasons'][number] | undefined }>
        caption={t('SCORE_PARTS_CAPTION')}
        rows={parts}
        rowKey={(row) => row.component.key}
        columns={[
          {
            header: t('COL_REASON'),
            cell: (row) => (
              <>
                {row.reason?.message ?? row.component.reason}
                {row.reason?.code && <code className="pilots-reason-code"> {row.reason.code}</code>}
              </>
            ),
          },
          { header: t('COL_WEIGHT'), cell: (row) => formatNumber(row.component.weight, language), numeric: true },
          { header: t('COL_FIT'), cell: (row) => formatNumber(row.component.value, language), numeric: true },
        ]}
      />

      <h2>{t('SECTION_DECISION')}</h2>
      <ChangedNotice conflict={conflict} />
      {declined && <SuccessNotice>{t('DECLINED_DONE')}</SuccessNotice>}
      {proposal.state !== 'proposed' ? (
        <p>{t('ALREADY_DECIDED', { state: t(`PROPOSAL_STATE_${proposal.state}`) })}</p>
      ) : principal.role === 'programme_manager' ? (
        <div className="pilots-decision">
          <ApproveForm
            proposal={proposal}
            guard={guard}
            onApproved={(pilot) => {
              refreshLists();
              void queries.invalidateQueries({ queryKey: pilotKeys.proposal(proposal.id) });
              navigate(`/pilots/${pilot.id}`, { state: { notice: 'approved' } });
            }}
          />
          <DeclineForm
            proposal={proposal}
            guard={guard}
            onDeclined={(fresh) => {
              queries.setQueryData(pilotKeys.proposal(proposal.id), fresh);
              refreshLists();
              setDeclined(true);
            }}
          />
        </div>
      ) : (
        <p>{t('DECIDED_BY_MANAGER')}</p>
      )}
    </>
  );
}
