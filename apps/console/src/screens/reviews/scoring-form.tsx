import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { formatNumber } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { FormProblem, SubmitButton, TextArea, TextField, useAction } from '../../ui/forms';
import { reviewsText } from './messages';
import { criterionFinding, weightedPreview, type Rubric } from './rubric';

/** Each criterion in its own box: its score and comment read as one group. */
const CRITERION_BOX = { border: '1px solid #d5dae1', borderRadius: 6, padding: '0.5rem 1rem 0', margin: '0 0 1rem' } as const;

function parseScore(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * One score per criterion of the rubric, each with its scale and weight and an optional comment. The
 * service checks the scores (missing, unknown, out of scale) and its findings appear at each criterion.
 */
export function ScoringForm({ assignmentId, rubric }: { assignmentId: string; rubric: Rubric }) {
  const t = useText(reviewsText);
  const { language } = useLanguage();
  const queries = useQueryClient();
  const [scores, setScores] = useState<Record<string, string>>({});
  const [comments, setComments] = useState<Record<string, string>>({});
  const [comment, setComment] = useState('');
  /** The criteria in the order the last request listed them: the API names invalid fields by that index. */
  const sentKeys = useRef<string[]>([]);
  const submit = useAction(async () => {
    const body = {
      scores: rubric.criteria.flatMap((c) => {
        const score = parseScore(scores[c.key] ?? '');
        // A criterion left empty is left out: the service names it as missing, beside its field.
        return score === undefined ? [] : [{ criterion: c.key, score, ...(comments[c.key]?.trim() ? { comment: comments[c.key].trim() } : {}) }];
      }),
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    };
    sentKeys.current = body.scores.map((s) => s.criterion);
    await unwrap(api.applications.POST('/v1/review-assignments/{id}/review', { params: { path: { id: assignmentId } }, body }));
    await queries.invalidateQueries({ queryKey: ['review-assignments'] });
    await queries.invalidateQueries({ queryKey: ['review-assignment', assignmentId] });
  });
  const preview = weightedPreview(rubric.criteria, Object.fromEntries(rubric.criteria.map((c) => [c.key, parseScore(scores[c.key] ?? '')])));

  const scoreError = (key: string): string | undefined => {
    const finding = criterionFinding(submit.problem, key);
    if (finding?.missing) return t('SCORE_MISSING');
    if (finding?.outside) return t('SCORE_OUTSIDE', finding.outside);
    const sent = sentKeys.current.indexOf(key);
    return sent < 0 ? undefined : submit.fieldError(`scores.${sent}`);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit.run();
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormProblem problem={submit.problem} />
      {rubric.criteria.map((c) => (
        <fieldset key={c.key} style={CRITERION_BOX}>
          <legend style={{ fontWeight: 600, padding: '0 0.4rem' }}>{c.label}</legend>
          {c.description && <p style={{ marginTop: 0 }}>{c.description}</p>}
          <TextField
            label={t('SCORE_FOR', { criterion: c.label })}
            hint={t('SCALE_HINT', { min: rubric.scaleMin, max: rubric.scaleMax, weight: c.weight })}
            type="number"
            inputMode="decimal"
            min={rubric.scaleMin}
            max={rubric.scaleMax}
            step="any"
            value={scores[c.key] ?? ''}
            onChange={(value) => setScores((s) => ({ ...s, [c.key]: value }))}
            error={scoreError(c.key)}
          />
          <TextArea
            label={t('COMMENT_FOR', { criterion: c.label })}
            rows={2}
            value={comments[c.key] ?? ''}
            onChange={(value) => setComments((s) => ({ ...s, [c.key]: value }))}
          />
        </fieldset>
      ))}
      <TextArea label={t('OVERALL_COMMENT')} value={comment} onChange={setComment} error={submit.fieldError('comment')} />
      {preview !== null && (
        <p className="numeric-preview" aria-live="polite">
          {t('WEIGHTED_PREVIEW', { score: formatNumber(Math.round(preview * 100) / 100, language) })}
        </p>
      )}
      <SubmitButton pending={submit.pending}>{t('SUBMIT_REVIEW')}</SubmitButton>
    </form>
  );
}
