import { formatDateTime, formatMoney, formatNumber } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { DataTable } from '../../ui/lists';
import { pilotsText } from './messages';
import type { Pilot } from './types';

type Report = NonNullable<Pilot['report']>;

/** The filed report: each criterion's target and measured result, the outcome, adoption and contract. */
export function FinalReport({ pilot, report }: { pilot: Pilot; report: Report }) {
  const t = useText(pilotsText);
  const { language } = useLanguage();
  const unitOf = (criterion: string) => pilot.successCriteria.find((c) => c.name === criterion)?.unit ?? '';
  return (
    <>
      <dl className="facts">
        <dt>{t('OUTCOME')}</dt>
        <dd>{t(`OUTCOME_${report.outcome}`)}</dd>
        <dt>{t('ADOPTION')}</dt>
        <dd>{t(`ADOPTION_${report.adoption}`)}</dd>
        <dt>{t('CONTRACT_VALUE')}</dt>
        <dd>
          {report.contractValue !== null && report.contractCurrency
            ? formatMoney(report.contractValue, report.contractCurrency, language)
            : t('FACT_NO_CONTRACT')}
        </dd>
        <dt>{t('FACT_FILED_AT')}</dt>
        <dd>{formatDateTime(report.filedAt, language)}</dd>
        {report.feedback && (
          <>
            <dt>{t('FACT_FEEDBACK')}</dt>
            <dd>{report.feedback}</dd>
          </>
        )}
      </dl>
      <DataTable
        caption={t('REPORT_CAPTION')}
        rows={report.results}
        rowKey={(r) => r.criterion}
        columns={[
          { header: t('COL_CRITERION'), cell: (r) => r.criterion },
          { header: t('COL_TARGET'), cell: (r) => `${formatNumber(r.target, language)} ${unitOf(r.criterion)}`, numeric: true },
          { header: t('COL_RESULT'), cell: (r) => `${formatNumber(r.value, language)} ${unitOf(r.criterion)}`, numeric: true },
          { header: t('COL_MET'), cell: (r) => <span className={r.met ? 'badge ok' : 'badge danger'}>{r.met ? t('MET_YES') : t('MET_NO')}</span> },
          { header: t('COL_NOTE'), cell: (r) => r.note ?? '—' },
        ]}
      />
    </>
  );
}
