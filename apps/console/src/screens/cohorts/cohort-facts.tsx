import { Fragment } from 'react';
import { formatDate, formatDateTime, formatNumber } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { CohortStateBadge } from './labels';
import { cohortsText } from './messages';
import type { Cohort } from './types';

/** The selection rule in words: grouping, quota, minimum score, pilot bonus. */
export function useRuleSummary() {
  const t = useText(cohortsText);
  const { language } = useLanguage();
  return (rule: Cohort['selectionRule']) =>
    [
      t(`GROUP_BY_${rule.groupBy}`),
      rule.perGroup ? t('RULE_PER_GROUP', { count: rule.perGroup }) : t('RULE_NO_QUOTA'),
      rule.minScore !== undefined && rule.minScore !== null ? t('RULE_MIN_SCORE', { score: formatNumber(rule.minScore, language) }) : null,
      rule.successfulPilotBonus ? t('RULE_PILOT_BONUS', { bonus: formatNumber(rule.successfulPilotBonus, language) }) : null,
    ]
      .filter(Boolean)
      .join('; ');
}

export function CohortFacts({ cohort }: { cohort: Cohort }) {
  const t = useText(cohortsText);
  const { language } = useLanguage();
  const ruleSummary = useRuleSummary();
  const moments: Array<[string, string | null]> = [
    [t('FACT_SELECTED_AT'), cohort.selectedAt],
    [t('FACT_STARTED_AT'), cohort.startedAt],
    [t('FACT_GRADUATED_AT'), cohort.graduatedAt],
  ];
  return (
    <dl className="facts">
      <dt>{t('COL_STATE')}</dt>
      <dd>
        <CohortStateBadge state={cohort.state} />
      </dd>
      <dt>{t('COL_CITY')}</dt>
      <dd>
        {cohort.hostCity}, {cohort.hostCountry}
      </dd>
      <dt>{t('COL_DATES')}</dt>
      <dd>{t('DATE_RANGE', { from: formatDate(cohort.startsAt, language), to: formatDate(cohort.endsAt, language) })}</dd>
      <dt>{t('FACT_TIME_ZONE')}</dt>
      <dd>{cohort.timeZone}</dd>
      <dt>{t('FACT_LANGUAGE')}</dt>
      <dd>{cohort.language}</dd>
      <dt>{t('COL_CAPACITY')}</dt>
      <dd>{cohort.capacity}</dd>
      <dt>{t('FACT_OFFER_TTL')}</dt>
      <dd>{t('HOURS', { hours: cohort.offerTtlHours })}</dd>
      <dt>{t('COL_OFFER_DEADLINE')}</dt>
      <dd>{formatDateTime(cohort.offerDeadlineAt, language)}</dd>
      <dt>{t('FACT_RULE')}</dt>
      <dd>
        {ruleSummary(cohort.selectionRule)}
        <br />
        <small>{t('RULE_TIE_BREAK')}</small>
      </dd>
      {moments
        .filter(([, at]) => at)
        .map(([label, at]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{formatDateTime(at, language)}</dd>
          </Fragment>
        ))}
    </dl>
  );
}
