import type { ApplicationsApi } from '@exchange/sdk/browser';
import type { Normalisation, Programme, ProgrammeKind } from './programme-api';

type Schemas = ApplicationsApi.components['schemas'];
type CreateBody = Schemas['CreateProgrammeDto'];
type UpdateBody = Schemas['UpdateProgrammeDto'];

export interface CriterionDraft {
  key: string;
  label: string;
  weight: string;
  description: string;
}

/**
 * What the programme form edits: every input as the person typed it (numbers and lists as text),
 * turned into the API's body only on submit, so the API's own checks speak about what was typed.
 */
export interface ProgrammeDraft {
  name: string;
  nameLatin: string;
  description: string;
  kind: ProgrammeKind;
  partnerOrganisationIds: string;
  hostCountry: string;
  hostCity: string;
  timeZone: string;
  opensAt: string;
  closesAt: string;
  capacity: string;
  countries: string;
  technologyFields: string;
  minTrl: string;
  maxTrl: string;
  maxCompanyAgeYears: string;
  requireCertificate: boolean;
  certificateKind: string;
  certificateMinGrade: string;
  certificateVerified: boolean;
  certificateIssuers: string;
  criteria: CriterionDraft[];
  scaleMin: string;
  scaleMax: string;
  reviewsRequired: string;
  blindReview: boolean;
  normalisation: Normalisation;
}

/** `2026-03-01T09:00`: the wall clock in `timeZone`, `plusDays` from now (what a datetime-local input holds). */
export function wallClock(timeZone: string, plusDays = 0): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(
    new Date(Date.now() + plusDays * 86_400_000),
  );
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}

/**
 * A window that opens now and closes in 30 days, on the wall clock of `timeZone`; null while the
 * zone is not a valid IANA name (the person may be typing it).
 */
export function defaultWindow(timeZone: string): Pick<ProgrammeDraft, 'opensAt' | 'closesAt'> | null {
  try {
    return { opensAt: wallClock(timeZone), closesAt: wallClock(timeZone, 30) };
  } catch {
    return null;
  }
}

export function newProgrammeDraft(timeZone: string, criteria: CriterionDraft[]): ProgrammeDraft {
  return {
    name: '',
    nameLatin: '',
    description: '',
    kind: 'pilot',
    partnerOrganisationIds: '',
    hostCountry: '',
    hostCity: '',
    timeZone,
    opensAt: wallClock(timeZone),
    closesAt: wallClock(timeZone, 30),
    capacity: '',
    countries: '',
    technologyFields: '',
    minTrl: '1',
    maxTrl: '9',
    maxCompanyAgeYears: '',
    requireCertificate: false,
    certificateKind: '',
    certificateMinGrade: '',
    certificateVerified: false,
    certificateIssuers: '',
    criteria,
    scaleMin: '1',
    scaleMax: '10',
    reviewsRequired: '3',
    blindReview: false,
    normalisation: 'none',
  };
}

const text = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));
/** The programme's wall-clock window (`…T09:00:00` or `…T09:00`) as a datetime-local value. */
const minutes = (local: string) => local.slice(0, 16);

export function draftFromProgramme(p: Programme): ProgrammeDraft {
  const certificate = p.eligibility.requiredCertification;
  return {
    name: p.name,
    nameLatin: p.nameLatin ?? '',
    description: p.description ?? '',
    kind: p.kind,
    partnerOrganisationIds: p.partnerOrganisationIds.join(', '),
    hostCountry: p.hostCountry,
    hostCity: p.hostCity,
    timeZone: p.window.timeZone,
    opensAt: minutes(p.window.opensAtLocal),
    closesAt: minutes(p.window.closesAtLocal),
    capacity: text(p.capacity),
    countries: p.eligibility.countries.join(', '),
    technologyFields: p.eligibility.technologyFields.join(', '),
    minTrl: text(p.eligibility.minTrl),
    maxTrl: text(p.eligibility.maxTrl),
    maxCompanyAgeYears: text(p.eligibility.maxCompanyAgeYears),
    requireCertificate: certificate !== null,
    certificateKind: certificate?.kind ?? '',
    certificateMinGrade: certificate?.minGrade ?? '',
    certificateVerified: certificate?.verified ?? false,
    certificateIssuers: (certificate?.issuerOrganisationIds ?? []).join(', '),
    criteria: p.rubric.criteria.map((c) => ({ key: c.key, label: c.label, weight: String(c.weight), description: c.description ?? '' })),
    scaleMin: text(p.rubric.scaleMin),
    scaleMax: text(p.rubric.scaleMax),
    reviewsRequired: text(p.reviewsRequired),
    blindReview: p.blindReview,
    normalisation: p.normalisation,
  };
}

/** An empty input is "not given"; anything else goes to the API as a number for it to judge. */
const number = (value: string): number | undefined => (value.trim() === '' ? undefined : Number(value));
const optional = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());
const list = (value: string): string[] =>
  value
    .split(/[\s,;]+/)
    .map((item) => item.trim())
    .filter(Boolean);

function eligibility(d: ProgrammeDraft): CreateBody['eligibility'] {
  return {
    countries: list(d.countries).map((c) => c.toUpperCase()),
    technologyFields: list(d.technologyFields).map((f) => f.toLowerCase()),
    minTrl: number(d.minTrl),
    maxTrl: number(d.maxTrl),
    maxCompanyAgeYears: number(d.maxCompanyAgeYears),
    requiredCertification: d.requireCertificate
      ? {
          kind: d.certificateKind.trim(),
          minGrade: optional(d.certificateMinGrade),
          verified: d.certificateVerified,
          issuerOrganisationIds: list(d.certificateIssuers),
        }
      : undefined,
  };
}

function rubric(d: ProgrammeDraft): CreateBody['rubric'] {
  return {
    criteria: d.criteria.map((c) => ({ key: c.key.trim(), label: c.label.trim(), weight: number(c.weight) as number, description: optional(c.description) })),
    scaleMin: number(d.scaleMin),
    scaleMax: number(d.scaleMax),
  };
}

/** The fields create and update share (kind is fixed once created). */
function common(d: ProgrammeDraft) {
  return {
    name: d.name,
    nameLatin: optional(d.nameLatin),
    description: optional(d.description),
    partnerOrganisationIds: list(d.partnerOrganisationIds),
    hostCountry: d.hostCountry.trim().toUpperCase(),
    hostCity: d.hostCity,
    timeZone: d.timeZone.trim(),
    opensAt: d.opensAt,
    closesAt: d.closesAt,
    capacity: number(d.capacity),
    eligibility: eligibility(d),
    rubric: rubric(d),
    reviewsRequired: number(d.reviewsRequired),
    blindReview: d.blindReview,
    normalisation: d.normalisation,
  };
}

export function createBody(d: ProgrammeDraft): CreateBody {
  return { ...common(d), kind: d.kind };
}

/** The whole draft with the version it was read at: the API refuses it (409) if the programme moved on. */
export function updateBody(d: ProgrammeDraft, version: number): UpdateBody {
  return { ...common(d), version };
}

/** Fields of the programme, as the sections of the form name them, that differ between two reads. */
export const COMPARED_FIELDS = ['name', 'description', 'host', 'window', 'capacity', 'partners', 'eligibility', 'rubric', 'reviewing', 'state'] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

function comparable(p: Programme): Record<ComparedField, unknown> {
  return {
    name: [p.name, p.nameLatin],
    description: p.description,
    host: [p.hostCountry, p.hostCity],
    window: p.window,
    capacity: p.capacity,
    partners: p.partnerOrganisationIds,
    eligibility: p.eligibility,
    rubric: p.rubric,
    reviewing: [p.reviewsRequired, p.blindReview, p.normalisation],
    state: p.state,
  };
}

export function changedFields(before: Programme, after: Programme): ComparedField[] {
  const a = comparable(before);
  const b = comparable(after);
  return COMPARED_FIELDS.filter((field) => JSON.stringify(a[field]) !== JSON.stringify(b[field]));
}
