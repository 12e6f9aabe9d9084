import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useText } from '../../i18n/language';
import { FormProblem, useAction } from '../../ui/forms';
import { Loading } from '../../ui/feedback';
import type { Guard } from '../pilots/changes';
import { cohortsText } from './messages';
import { selectionMoves, type Move, type Standing } from './selection-moves';
import { SelectionTables } from './selection-tables';
import type { Cohort, Selection } from './types';

const runPreview = (cohortId: string) => unwrap(api.cohorts.POST('/v1/cohorts/{id}/selection/preview', { params: { path: { id: cohortId } } }));

function Moves({ moves }: { moves: Move[] }) {
  const t = useText(cohortsText);
  const standing = (s: Standing) => (s.placement === 'absent' ? t('PLACEMENT_absent') : `${t(`PLACEMENT_${s.placement}`)} (${s.group} #${s.rank})`);
  return (
    <div className="notice notice-warning" role="status">
      <p>{t('SELECTION_MOVED')}</p>
      <ul>
        {moves.map((m) => (
          <li key={m.startupId}>{t('MOVED', { name: m.name, from: standing(m.from), to: standing(m.to) })}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The selection of a planning cohort: the preview's offers, waitlist and exclusions, and beside them
 * the commit. Commit first runs the preview again: if anyone moved since the one shown, nothing is
 * committed and the new preview is shown instead, so what is committed is exactly what was shown.
 */
export function SelectionPanel({ cohort, guard, onCommitted }: { cohort: Cohort; guard: Guard; onCommitted: (selection: Selection) => void }) {
  const t = useText(cohortsText);
  const [shown, setShown] = useState<Selection | null>(null);
  const [moves, setMoves] = useState<Move[] | null>(null);

  const preview = useAction(async () => {
    setShown(await runPreview(cohort.id));
    setMoves(null);
  });
  const commit = useAction(async () => {
    if (!shown) return;
    const again = await runPreview(cohort.id);
    const moved = selectionMoves(shown, again);
    if (moved.length > 0 || again.version !== shown.version) {
      setShown(again);
      setMoves(moved);
      return;
    }
    const committed = await guard(() =>
      unwrap(api.cohorts.POST('/v1/cohorts/{id}/selection/commit', { params: { path: { id: cohort.id } }, body: { version: shown.version } })),
    );
    onCommitted(committed);
  });

  return (
    <>
      <p>{t('SELECTION_EXPLAIN')}</p>
      <FormProblem problem={preview.problem} />
      <button type="button" className={shown ? undefined : 'primary'} onClick={() => void preview.run()} disabled={preview.pending} aria-busy={preview.pending}>
        {shown ? t('PREVIEW_AGAIN') : t('PREVIEW_SUBMIT')}
      </button>
      {preview.pending && <Loading />}
      {shown && (
        <div className="cohorts-selection">
          <div className="cohorts-selection-preview">
            <h3>{t('PREVIEW_TITLE')}</h3>
            {moves && <Moves moves={moves} />}
            <p>
              {t('PREVIEW_SUMMARY', { offers: shown.offers.length, capacity: shown.capacity, waitlist: shown.waitlist.length, excluded: shown.excluded.length })}{' '}
              {t(`RANKED_BY_${shown.rankedBy}`)}
            </p>
            <SelectionTables selection={shown} />
          </div>
          <aside className="cohorts-selection-commit" aria-labelledby="commit-title">
            <h3 id="commit-title">{t('COMMIT_TITLE')}</h3>
            <p>{t('PREVIEW_SUMMARY', { offers: shown.offers.length, capacity: shown.capacity, waitlist: shown.waitlist.length, excluded: shown.excluded.length })}</p>
            <p>{t('COMMIT_HINT')}</p>
            <FormProblem problem={commit.problem} />
            <button type="button" className="primary" onClick={() => void commit.run()} disabled={commit.pending || preview.pending} aria-busy={commit.pending}>
              {t('COMMIT_SUBMIT')}
            </button>
            {commit.pending && <Loading />}
          </aside>
        </div>
      )}
    </>
  );
}
