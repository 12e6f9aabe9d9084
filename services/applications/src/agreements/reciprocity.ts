import type { Agreement } from '@exchange/data';
import { csvField } from '../decisions/decisions.service';
import { AgreementError, AgreementErrorCode } from './agreements.errors';
import type { ReciprocityDirectionResponse, ReciprocityQuery, ReciprocityReportResponse } from './dto/agreement.dto';

/** An agreement is valid for at most this many years. */
export const MAX_VALIDITY_YEARS = 10;
/** A report covers at most this many days (ten years and a little): one statement over a bounded range. */
export const MAX_REPORT_DAYS = 3660;

/**
 * The rule the report counts by, as the API describes it. A programme's partners are not its
 * organiser: counting them too would count one startup under several agreements at once.
 */
export const DIRECTION_RULE =
  "A startup goes from party X to party Y when its country (as registered now) is party X's country and the programme it applied to, " +
  'piloted in, joined a cohort of or pitched at a pitch day of is organised by party Y (programmes Y only partners in do not count). ' +
  'A pitch day that names an agreement counts only in that agreement’s report (in none when its organiser is not a party to it); one that names none counts in every agreement of its organiser. ' +
  'Each event counts once, in the period it happened in (UTC days).';

/**
 * How a business-mission meeting is counted. A mission is not a programme: its sides are the
 * visiting delegation and the host region, so the direction is the delegation's country to the host
 * country, and the agreement is the one the mission itself names (never inferred from countries,
 * which would count one meeting under every agreement between the same two countries).
 */
export const MISSION_DIRECTION_RULE =
  "A business-mission meeting counts only in the report of the agreement its mission names, once its outcome is recorded. It goes from party X to party Y when the delegation's company " +
  "(a startup: its country as registered now; an organisation: its country) is of party X's country and the mission's host country is party Y's. " +
  'When both parties are of the same country the sides cannot be told apart and the meeting counts in neither direction.';

/** Both rules, as the report and its API description state them. */
export const REPORT_RULES = `${DIRECTION_RULE} ${MISSION_DIRECTION_RULE}`;

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

/** The day `years` calendar years after `day` (29 February moves to 1 March in a common year). */
function addYears(day: string, years: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.toISOString().slice(0, 10);
}

/** An agreement's dates: valid for a non-empty span of at most MAX_VALIDITY_YEARS, signed no later than its last day. */
export function checkAgreementDates(dates: { signedOn: string; validFrom: string; validUntil: string }): void {
  const { signedOn, validFrom, validUntil } = dates;
  if (validUntil < validFrom || validUntil > addYears(validFrom, MAX_VALIDITY_YEARS) || signedOn > validUntil) {
    throw new AgreementError(
      AgreementErrorCode.InvalidDates,
      `An agreement is valid from validFrom until a day no earlier, for at most ${MAX_VALIDITY_YEARS} years, and signed no later than its last day (got ${signedOn}, ${validFrom}–${validUntil})`,
      { signedOn, validFrom, validUntil, maxYears: MAX_VALIDITY_YEARS },
    );
  }
}

/** The report's period: the query's days, else the agreement's validity; `to` on or after `from`, at most MAX_REPORT_DAYS. */
export function reportPeriod(agreement: Pick<Agreement, 'validFrom' | 'validUntil'>, query: ReciprocityQuery): { from: string; to: string } {
  const from = query.from ?? agreement.validFrom;
  const to = query.to ?? agreement.validUntil;
  const days = dayNumber(to) - dayNumber(from) + 1;
  if (days < 1 || days > MAX_REPORT_DAYS) {
    throw new AgreementError(AgreementErrorCode.InvalidPeriod, `The period ${from}–${to} must end on or after its first day and span at most ${MAX_REPORT_DAYS} days`, {
      from,
      to,
      maxDays: MAX_REPORT_DAYS,
    });
  }
  return { from, to };
}

/** startupsSent against the target, 1 meaning met; null without a target. */
export function progressOf(startupsSent: number, target: number | null): number | null {
  return target ? Math.round((startupsSent / target) * 10_000) / 10_000 : null;
}

const CSV_HEADER = [
  'agreement_id',
  'period_from',
  'period_to',
  'from_organisation_id',
  'from_organisation',
  'from_country',
  'to_organisation_id',
  'to_organisation',
  'to_country',
  'startups_sent',
  'applications',
  'acceptances',
  'pilots_started',
  'pilots_completed',
  'pilots_adopted',
  'contract_value',
  'cohort_places',
  'graduates',
  'pitches_made',
  'pitch_selections',
  'mission_meetings',
  'mission_agreements_signed',
  'mission_pilots_proposed',
  'target',
  'progress',
];

/** The report as CSV, one row per direction: the ranking export's format (RFC 4180, UTF-8 with BOM, CRLF). */
export function reciprocityCsv(report: ReciprocityReportResponse): string {
  const row = (d: ReciprocityDirectionResponse) =>
    [
      report.agreementId,
      report.period.from,
      report.period.to,
      d.from.organisationId,
      d.from.name,
      d.from.country,
      d.to.organisationId,
      d.to.name,
      d.to.country,
      d.startupsSent,
      d.applications,
      d.acceptances,
      d.pilotsStarted,
      d.pilotsCompleted,
      d.pilotsAdopted,
      d.contractValue,
      d.cohortPlaces,
      d.graduates,
      d.pitchesMade,
      d.pitchSelections,
      d.missionMeetings,
      d.missionAgreementsSigned,
      d.missionPilotsProposed,
      d.target ?? '',
      d.progress ?? '',
    ]
      .map(csvField)
      .join(',');
  return `\uFEFF${[CSV_HEADER.join(','), ...report.directions.map(row)].join('\r\n')}\r\n`;
}
