import { ProblemError } from '../../api/client';

/**
 * The programme rules the service checks as a whole (window, time zone, rubric, TRL range) answer a
 * domain problem without field paths; this names the field each belongs beside.
 */
function fieldOfRule(code: string | undefined, rule: unknown): string | null {
  switch (code) {
    case 'PROGRAMME.INVALID_WINDOW':
      return rule === 'closes_after_opens' ? 'closesAt' : 'opensAt';
    case 'PROGRAMME.INVALID_TIME_ZONE':
      return 'timeZone';
    case 'PROGRAMME.INVALID_RUBRIC':
      return rule === 'scale_order' ? 'rubric.scaleMin' : 'rubric.criteria';
    case 'PROGRAMME.INVALID_ELIGIBILITY':
      return rule === 'trl_range' ? 'eligibility.minTrl' : null;
    default:
      return null;
  }
}

/** The message to show beside `field`: the API's field error, or the detail of a rule that belongs there. */
export function problemBeside(problem: unknown, fieldError: (field: string) => string | undefined, field: string): string | undefined {
  const own = fieldError(field);
  if (own) return own;
  if (!(problem instanceof ProblemError) || problem.fields.length > 0) return undefined;
  return fieldOfRule(problem.code, problem.problem.rule) === field ? (problem.problem.detail ?? problem.problem.title) : undefined;
}
