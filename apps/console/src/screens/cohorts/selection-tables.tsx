import { formatNumber } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { DataTable, type Column } from '../../ui/lists';
import { uiText } from '../../ui/messages';
import { NativeName } from '../../ui/names';
import { cohortsText } from './messages';
import type { Selection, SelectionEntry } from './types';

/** A table that keeps its caption visible when it is empty (three empty tables side by side must stay told apart). */
export function CaptionedTable<T>(props: { caption: string; columns: Column<T>[]; rows: T[]; rowKey: (row: T) => string }) {
  const ui = useText(uiText);
  if (props.rows.length > 0) return <DataTable {...props} />;
  return (
    <p className="empty">
      <strong>{props.caption}</strong> — {ui('NOTHING_YET')}
    </p>
  );
}

/** The offers, waitlist and excluded startups of one selection run, each in its own captioned table. */
export function SelectionTables({ selection }: { selection: Selection }) {
  const t = useText(cohortsText);
  const { language } = useLanguage();
  const base: Column<SelectionEntry>[] = [
    { header: t('COL_STARTUP'), cell: (e) => <NativeName name={e.startupName} latin={e.startupNameLatin} /> },
    { header: t('COL_GROUP'), cell: (e) => e.group },
    { header: t('COL_RANK'), cell: (e) => e.rank, numeric: true },
    { header: t('COL_EFFECTIVE_SCORE'), cell: (e) => formatNumber(e.effectiveScore, language), numeric: true },
  ];
  const key = (e: SelectionEntry) => e.candidateId;
  return (
    <>
      <CaptionedTable caption={t('OFFERS_CAPTION')} columns={base} rows={selection.offers} rowKey={key} />
      <CaptionedTable
        caption={t('WAITLIST_CAPTION')}
        columns={[...base, { header: t('COL_WAITLIST_POSITION'), cell: (e) => e.waitlistPosition ?? '—', numeric: true }]}
        rows={selection.waitlist}
        rowKey={key}
      />
      <CaptionedTable
        caption={t('EXCLUDED_CAPTION')}
        columns={[...base, { header: t('COL_EXCLUDED_REASON'), cell: (e) => (e.excludedReason ? t(`EXCLUDED_${e.excludedReason}`) : '—') }]}
        rows={selection.excluded}
        rowKey={key}
      />
    </>
  );
}
