import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ProblemError, unwrap } from '../../api/client';
import { formatDateTime } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { SuccessNotice } from '../../ui/feedback';
import { FormProblem, TextArea, useAction } from '../../ui/forms';
import { programmeKeys } from '../programmes/programme-api';
import { applicationKeys, DECIDABLE_STATES, useApplicationHistory, type Application } from './application-api';
import { applicationsText } from './messages';

type Outcome = 'accept' | 'reject' | 'waitlist';
const OUTCOMES: readonly Outcome[] = ['accept', 'reject', 'waitlist'];
const OUTCOME_STATE = { accept: 'accepted', reject: 'rejected', waitlist: 'waitlisted' } as const;

/**
 * What changed between the application this manager decided on and what it is now: the status,
 * the version, a decision someone else recorded and the status changes since, from the history.
 */
function WhatChanged({ before, now, problem }: { before: Application; now: Application; problem: unknown }) {
  const t = useText(applicationsText);
  const { language } = useLanguage();
  const history = useApplicationHistory(now.id).data;
  const since = history?.transitions.filter((change) => change.at > before.updatedAt) ?? [];
  return (
    <div className="notice notice-warning" role="alert">
      <strong>{t('STALE_TITLE')}</strong>
      {problem instanceof ProblemError && problem.problem.detail && <p>{problem.problem.detail}</p>}
      <ul className="changes">
        <li>{t('STALE_STATUS', { before: t(`STATE_${before.state}`), now: t(`STATE_${now.state}`) })}</li>
        <li>{t('STALE_VERSION', { before: before.version, now: now.version })}</li>
        {now.decision && (
          <li>
            {t('STALE_DECIDED', { outcome: t(`STATE_${now.state}`), at: formatDateTime(now.decision.decidedAt, language) })} {now.decision.reason && <q>{now.decision.reason}</q>}
          </li>
        )}
        {since.map((change) => (
          <li key={`${change.at}-${change.to}`}>
            {formatDateTime(change.at, language)}: {change.status}
            {change.reason && <> — {change.reason}</>}
          </li>
        ))}
      </ul>
      <p>{DECIDABLE_STATES.includes(now.state) ? t('STALE_DECIDE_AGAIN') : t('STALE_NOT_DECIDABLE')}</p>
    </div>
  );
}

/**
 * Accept, reject or waitlist with a reason. The decision carries the version on screen: if someone
 * changed the application meanwhile the service answers 409, and this shows what changed and lets
 * the manager decide again on the fresh application (their reason is kept).
 */
export function DecisionPanel({ application }: { application: Application }) {
  const t = useText(applicationsText);
  const { language } = useLanguage();
  const queries = useQueryClient();
  const [reason, setReason] = useState('');
  const [decidedOn, setDecidedOn] = useState<Application | null>(null);
  const [done, setDone] = useState<Outcome | null>(null);
  const action = useAction(async (outcome: Outcome) => {
    setDone(null);
    const seen = application;
    try {
      const decided = await unwrap(
        api.applications.POST('/v1/applications/{id}/decision', { params: { path: { id: seen.id } }, body: { outcome, reason, version: seen.version } }),
      );
      queries.setQueryData(applicationKeys.one(seen.id), decided);
      setDecidedOn(null);
      setDone(outcome);
      setReason('');
      await Promise.all([
        queries.invalidateQueries({ queryKey: applicationKeys.history(seen.id) }),
        queries.invalidateQueries({ queryKey: [...applicationKeys.all, 'list'] }),
        queries.invalidateQueries({ queryKey: programmeKeys.ranking(seen.programmeId) }),
      ]);
      return decided;
    } catch (error) {
      if (error instanceof ProblemError && error.status === 409) {
        setDecidedOn(seen);
        await Promise.all([
          queries.invalidateQueries({ queryKey: applicationKeys.one(seen.id) }),
          queries.invalidateQueries({ queryKey: applicationKeys.history(seen.id) }),
        ]);
      }
      throw error;
    }
  });
  // Stale only once the fresh read shows another version: a 409 on an unchanged application is the service's own refusal.
  const stale = decidedOn !== null && decidedOn.version !== application.version && action.problem instanceof ProblemError && action.problem.status === 409;
  const open = DECIDABLE_STATES.includes(application.state);
  return (
    <>
      {done && <SuccessNotice>{t('DECIDED_NOTICE', { outcome: t(`STATE_${OUTCOME_STATE[done]}`) })}</SuccessNotice>}
      {stale && decidedOn ? <WhatChanged before={decidedOn} now={application} problem={action.problem} /> : <FormProblem problem={action.problem} />}
      {application.decision && (
        <dl className="facts">
          <dt>{t('DECISION_OUTCOME')}</dt>
          <dd>{t(`STATE_${application.state}`)}</dd>
          <dt>{t('DECISION_REASON')}</dt>
          <dd className="answer-text">{application.decision.reason}</dd>
          <dt>{t('DECISION_AT')}</dt>
          <dd>{formatDateTime(application.decision.decidedAt, language)}</dd>
        </dl>
      )}
      {open ? (
        <form onSubmit={(e) => e.preventDefault()} noValidate aria-label={t('SECTION_DECISION')}>
          <p className="subtle">{t('DECIDING_ON', { version: application.version, status: t(`STATE_${application.state}`) })}</p>
          <TextArea label={t('DECISION_REASON')} value={reason} onChange={setReason} error={action.fieldError('reason')} rows={3} />
          <div className="decision-buttons">
            {OUTCOMES.filter((o) => !(o === 'waitlist' && application.state === 'waitlisted')).map((outcome) => (
              <button
                key={outcome}
                type="button"
                className={outcome === 'accept' ? 'primary' : outcome === 'reject' ? 'danger' : undefined}
                disabled={action.pending}
                aria-busy={action.pending}
                onClick={() => void action.run(outcome)}
              >
                {t(`DECIDE_${outcome}`)}
              </button>
            ))}
          </div>
        </form>
      ) : (
        !application.decision && <p className="subtle">{t('NOT_DECIDABLE', { status: t(`STATE_${application.state}`) })}</p>
      )}
    </>
  );
}
