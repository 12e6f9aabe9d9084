import { ProblemError } from '../../api/client';

/** One criterion of a programme's rubric (the view types it loosely as an object). */
export interface RubricCriterion {
  key: string;
  label: string;
  weight: number;
  description?: string;
}

export interface Rubric {
  criteria: RubricCriterion[];
  scaleMin: number;
  scaleMax: number;
}

/** The weighted mean the service computes, over the criteria scored so far (a preview, not the record). */
export function weightedPreview(criteria: RubricCriterion[], scores: Record<string, number | undefined>): number | null {
  let sum = 0;
  let weights = 0;
  for (const c of criteria) {
    const score = scores[c.key];
    if (score === undefined) continue;
    sum += c.weight * score;
    weights += c.weight;
  }
  return weights > 0 ? sum / weights : null;
}

/** What REVIEW.INVALID_SCORES says of one criterion: missing, or outside the scale. */
export function criterionFinding(problem: unknown, key: string): { missing: boolean; outside: { min: number; max: number } | null } | null {
  if (!(problem instanceof ProblemError) || problem.code !== 'REVIEW.INVALID_SCORES') return null;
  const details = problem.problem as { missing?: string[]; outsideScale?: string[]; scale?: { min: number; max: number } };
  const missing = details.missing?.includes(key) ?? false;
  const outside = details.outsideScale?.includes(key) && details.scale ? details.scale : null;
  return missing || outside ? { missing, outside } : null;
}
