/**
 * Matchmaking of a business mission: pure, deterministic, explainable, like pilot matching
 * (pilots/src/matching/matching.engine.ts). Every pair of a delegation company and a local company is
 * scored on four components, each explained by a reason code (meeting-reasons.messages.ts):
 *  - fields: the share of the smaller field list both work in;
 *  - delegation offer: the share of what the local company seeks that the delegation company offers;
 *  - local offer: the reverse;
 *  - language: 1 when they share a language (else the meeting needs an interpreter).
 * A pair is proposed only with something to talk about (a shared field or an offer that meets a
 * need) and a score of at least `minScore`. Proposals are taken best first, each company in at most
 * `perCompany` of them, so the most wanted companies do not crowd out the others. Ties go by ids.
 * Tags compare trimmed and lower case. A later run over the same mission passes what it already has
 * (`existing`): its pairs are not proposed again, and a company's proposals not declined count
 * against its `perCompany`, so re-running never takes a company past it (a declined one frees a place).
 */
import type { MeetingReason } from './meeting-reasons.messages';

export const MEETING_SCORE_WEIGHTS = {
  fieldOverlap: 0.25,
  delegationOffer: 0.3,
  localOffer: 0.3,
  sharedLanguage: 0.15,
} as const;

export type MeetingComponentKey = keyof typeof MEETING_SCORE_WEIGHTS;
const COMPONENT_KEYS = Object.keys(MEETING_SCORE_WEIGHTS) as MeetingComponentKey[];

export const DEFAULT_MIN_MEETING_SCORE = 0.3;
export const DEFAULT_MEETINGS_PER_COMPANY = 10;
/** The most a mission may set: a company meets once per slot, and 60 twenty-minute meetings fill two long days. */
export const MAX_MEETINGS_PER_COMPANY = 60;

export interface MatchmakingCompany {
  id: string;
  side: 'delegation' | 'local';
  fields: readonly string[];
  offers: readonly string[];
  seeks: readonly string[];
  languages: readonly string[];
}

export interface ExplainedMeetingComponent {
  key: MeetingComponentKey;
  weight: number;
  /** 0..1 */
  value: number;
  reason: MeetingReason;
}

export interface MeetingProposal {
  delegationId: string;
  localId: string;
  score: number;
  components: ExplainedMeetingComponent[];
}

/** A meeting the mission already has (any answer). */
export interface ExistingMeeting {
  delegationId: string;
  localId: string;
  /** Declined by either side: it no longer counts against the companies' `perCompany`. */
  declined: boolean;
}

export interface MatchmakingOptions {
  minScore?: number;
  perCompany?: number;
  /** The mission's meetings so far: never proposed again; those not declined count against `perCompany`. */
  existing?: readonly ExistingMeeting[];
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function tags(terms: readonly string[]): Set<string> {
  return new Set(terms.map((t) => t.trim().toLowerCase()).filter((t) => t.length > 0));
}

function shared(a: Set<string>, b: Set<string>): string[] {
  return [...a].filter((t) => b.has(t)).sort();
}

interface Prepared {
  company: MatchmakingCompany;
  fields: Set<string>;
  offers: Set<string>;
  seeks: Set<string>;
  languages: Set<string>;
}

const prepare = (company: MatchmakingCompany): Prepared => ({
  company,
  fields: tags(company.fields),
  offers: tags(company.offers),
  seeks: tags(company.seeks),
  languages: tags(company.languages),
});

/** The explained score of one pair, or null when they have nothing to talk about. */
export function scorePair(delegation: MatchmakingCompany, local: MatchmakingCompany): Omit<MeetingProposal, 'delegationId' | 'localId'> | null {
  return scorePrepared(prepare(delegation), prepare(local));
}

function scorePrepared(d: Prepared, l: Prepared): Omit<MeetingProposal, 'delegationId' | 'localId'> | null {
  const fields = shared(d.fields, l.fields);
  const delegationOffers = shared(d.offers, l.seeks);
  const localOffers = shared(l.offers, d.seeks);
  if (fields.length === 0 && delegationOffers.length === 0 && localOffers.length === 0) return null;
  const languages = shared(d.languages, l.languages);
  const smallerFields = Math.min(d.fields.size, l.fields.size);
  const values: Record<MeetingComponentKey, number> = {
    fieldOverlap: smallerFields === 0 ? 0 : fields.length / smallerFields,
    delegationOffer: l.seeks.size === 0 ? 0 : delegationOffers.length / l.seeks.size,
    localOffer: d.seeks.size === 0 ? 0 : localOffers.length / d.seeks.size,
    sharedLanguage: languages.length > 0 ? 1 : 0,
  };
  const reasons: Record<MeetingComponentKey, MeetingReason> = {
    fieldOverlap: fields.length > 0 ? { code: 'FIELDS_SHARED', params: { fields } } : { code: 'FIELDS_NONE_SHARED', params: {} },
    delegationOffer:
      delegationOffers.length > 0 ? { code: 'DELEGATION_OFFERS_NEED', params: { tags: delegationOffers } } : { code: 'DELEGATION_OFFERS_NOTHING_SOUGHT', params: {} },
    localOffer: localOffers.length > 0 ? { code: 'LOCAL_OFFERS_NEED', params: { tags: localOffers } } : { code: 'LOCAL_OFFERS_NOTHING_SOUGHT', params: {} },
    sharedLanguage: languages.length > 0 ? { code: 'LANGUAGES_SHARED', params: { languages } } : { code: 'LANGUAGES_NONE_SHARED', params: {} },
  };
  const components = COMPONENT_KEYS.map((key) => ({ key, weight: MEETING_SCORE_WEIGHTS[key], value: round6(values[key]), reason: reasons[key] }));
  const score = round6(COMPONENT_KEYS.reduce((sum, key) => sum + MEETING_SCORE_WEIGHTS[key] * values[key], 0));
  return { score, components };
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The meetings to propose among a mission's companies, best first. */
export function proposeMeetings(companies: readonly MatchmakingCompany[], options: MatchmakingOptions = {}): MeetingProposal[] {
  const minScore = options.minScore ?? DEFAULT_MIN_MEETING_SCORE;
  const perCompany = options.perCompany ?? DEFAULT_MEETINGS_PER_COMPANY;
  const delegation = companies.filter((c) => c.side === 'delegation').sort(byId).map(prepare);
  const locals = companies.filter((c) => c.side === 'local').sort(byId).map(prepare);
  const existingPairs = new Set<string>();
  const taken = new Map<string, number>();
  for (const e of options.existing ?? []) {
    existingPairs.add(`${e.delegationId}\u0000${e.localId}`);
    if (e.declined) continue;
    taken.set(e.delegationId, (taken.get(e.delegationId) ?? 0) + 1);
    taken.set(e.localId, (taken.get(e.localId) ?? 0) + 1);
  }
  const candidates: MeetingProposal[] = [];
  for (const d of delegation) {
    for (const l of locals) {
      if (existingPairs.has(`${d.company.id}\u0000${l.company.id}`)) continue;
      const scored = scorePrepared(d, l);
      if (scored && scored.score >= minScore) candidates.push({ delegationId: d.company.id, localId: l.company.id, ...scored });
    }
  }
  candidates.sort((a, b) => b.score - a.score || (a.delegationId < b.delegationId ? -1 : a.delegationId > b.delegationId ? 1 : a.localId < b.localId ? -1 : 1));
  const proposals: MeetingProposal[] = [];
  for (const c of candidates) {
    if ((taken.get(c.delegationId) ?? 0) >= perCompany || (taken.get(c.localId) ?? 0) >= perCompany) continue;
    taken.set(c.delegationId, (taken.get(c.delegationId) ?? 0) + 1);
    taken.set(c.localId, (taken.get(c.localId) ?? 0) + 1);
    proposals.push(c);
  }
  return proposals;
}
