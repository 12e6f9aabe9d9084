/**
 * The matching engine: pure, deterministic, explainable. No I/O, no clock (the caller passes `now`).
 *
 * Design for 10,000 candidates × 1,000 sites in well under 2 s on two cores:
 *  - fields, needs and languages are interned once into bit positions (the vocabulary is the sites'),
 *    so an overlap is `popcount(a & b)` over a few 32-bit words;
 *  - everything that depends on the site alone (capacity and dates, its TRL range) is computed once;
 *  - the inner loop allocates nothing: it keeps the top k of each candidate in preallocated arrays;
 *  - reasons (strings) are only written for the pairs that make the top k.
 * Ties are broken by site id (or candidate id) so the same inputs always give the same proposals.
 *  - a startup's answers to open calls are a handful of site indexes per candidate, checked only for
 *    the candidates that have any: the inner loop of the others is unchanged.
 * Reasons are codes with parameters (match-reasons.messages.ts): stored with the proposal and
 * rendered in the reader's language; the English text is what events carry.
 */

import { englishMatchReason, type MatchReason } from './match-reasons.messages';

export const SCORE_WEIGHTS = {
  fieldOverlap: 0.35,
  readinessFit: 0.2,
  languageOverlap: 0.15,
  capacityAndDates: 0.1,
  cityNeeds: 0.2,
} as const;

export type ComponentKey = keyof typeof SCORE_WEIGHTS;
export const COMPONENT_KEYS = Object.keys(SCORE_WEIGHTS) as ComponentKey[];

/**
 * Added on top of the weighted components when the startup answered an open call of the site: the
 * startup asked for this site in its own words, the strongest sign of fit there is. A bonus, not a
 * share of the weights, so every other pair keeps its score (at most 1 + this with an answer).
 */
export const OPEN_CALL_ANSWER_BONUS = 0.3;
export type BonusKey = 'openCallAnswer';

/** Snake-case names stored with each proposal (`pilots.match_proposals.score_components[].key`). */
export const COMPONENT_STORAGE_KEY: Record<ComponentKey | BonusKey, string> = {
  fieldOverlap: 'field_overlap',
  readinessFit: 'readiness_fit',
  languageOverlap: 'language_overlap',
  capacityAndDates: 'capacity_dates',
  cityNeeds: 'city_needs',
  openCallAnswer: 'open_call_answer',
};

/** A startup's answer to an open call of a site (declined answers are not passed). */
export interface OpenCallAnswerInput {
  siteId: string;
  title: string;
  answeredAt: Date;
}

export interface CandidateInput {
  id: string;
  programmeId: string;
  technologyFields: readonly string[];
  trl: number;
  languages: readonly string[];
  /** The startup's answers to open calls of the sites being ranked (looked up once per batch). */
  openCallAnswers?: readonly OpenCallAnswerInput[];
}

export interface SiteInput {
  id: string;
  name: string;
  city: string;
  technologyFields: readonly string[];
  needs: readonly string[];
  languages: readonly string[];
  minTrl: number;
  maxTrl: number;
  capacity: number;
  activePilots: number;
  availableFrom: Date | null;
  availableUntil: Date | null;
  programmeIds: readonly string[];
}

export interface ExplainedComponent {
  key: ComponentKey | BonusKey;
  weight: number;
  /** 0..1 */
  value: number;
  reason: string;
}

export interface Match {
  candidateId: string;
  siteId: string;
  score: number;
  components: ExplainedComponent[];
  /** Each component's reason as a code with parameters, in the order of `components`. */
  reasonCodes: MatchReason[];
}

export interface MatchOptions {
  now: Date;
  /** Proposals kept per candidate (rankSitesForCandidates) or per site (rankCandidatesForSite). */
  topK: number;
  /** Pairs scoring below this are never proposed. */
  minScore?: number;
}

export const DEFAULT_MIN_SCORE = 0.4;
const DAY_MS = 86_400_000;
/** A site that opens later than this, or closes sooner than this, scores lower on dates. */
const OPENS_SOON_DAYS = 90;
const MIN_WINDOW_DAYS = 30;

/** Score rounded to 1e-6 so sums compare equal however they were formed. */
function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Interns strings into bit positions; unknown strings (not used by any site) carry no weight. */
class Vocabulary {
  private readonly index = new Map<string, number>();
  add(term: string): void {
    const key = term.trim().toLowerCase();
    if (!this.index.has(key)) this.index.set(key, this.index.size);
  }
  get words(): number {
    return Math.max(1, Math.ceil(this.index.size / 32));
  }
  /** Writes the mask of `terms` into `out` at `offset` (words). */
  mask(terms: readonly string[], out: Uint32Array, offset: number): number {
    let count = 0;
    for (const term of terms) {
      const bit = this.index.get(term.trim().toLowerCase());
      if (bit === undefined) continue;
      const word = offset + (bit >>> 5);
      const flag = 1 << (bit & 31);
      if ((out[word] & flag) === 0) {
        out[word] |= flag;
        count++;
      }
    }
    return count;
  }
}

/** Site-side data, laid out for the inner loop. */
export interface PreparedSites {
  readonly sites: readonly SiteInput[];
  readonly fieldWords: number;
  readonly languageWords: number;
  readonly fieldVocab: Vocabulary;
  readonly languageVocab: Vocabulary;
  readonly fieldMasks: Uint32Array;
  readonly fieldCounts: Uint16Array;
  readonly needMasks: Uint32Array;
  readonly needCounts: Uint16Array;
  readonly languageMasks: Uint32Array;
  readonly languageCounts: Uint16Array;
  readonly minTrl: Uint8Array;
  readonly maxTrl: Uint8Array;
  /** Site-only component, 0..1. */
  readonly capacityAndDates: Float64Array;
  /** Sites that may take pilots at all (active state is filtered by the caller; here: free slot, not closed). */
  readonly open: Uint8Array;
  /** Site indexes per programme id, in site-id order. */
  readonly byProgramme: Map<string, Int32Array>;
  /** Site index per site id (to find the sites a candidate answered an open call of). */
  readonly indexById: Map<string, number>;
}

function capacityAndDatesValue(site: SiteInput, now: Date): number {
  const free = site.capacity - site.activePilots;
  if (free <= 0) return 0;
  const capacityPart = free / site.capacity;
  const t = now.getTime();
  let datesPart = 1;
  if (site.availableFrom && site.availableFrom.getTime() > t + OPENS_SOON_DAYS * DAY_MS) datesPart = 0.25;
  if (site.availableUntil && site.availableUntil.getTime() < t + MIN_WINDOW_DAYS * DAY_MS) datesPart = Math.min(datesPart, 0.25);
  return 0.5 * capacityPart + 0.5 * datesPart;
}

function siteIsOpen(site: SiteInput, now: Date): boolean {
  return site.capacity - site.activePilots > 0 && !(site.availableUntil && site.availableUntil.getTime() <= now.getTime());
}

/** Sorted by id so every result and tie-break is independent of input order. */
function byId<T extends { id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function prepareSites(input: readonly SiteInput[], now: Date): PreparedSites {
  const sites = byId(input);
  const fieldVocab = new Vocabulary();
  const languageVocab = new Vocabulary();
  for (const s of sites) {
    s.technologyFields.forEach((f) => fieldVocab.add(f));
    s.needs.forEach((f) => fieldVocab.add(f));
    s.languages.forEach((l) => languageVocab.add(l));
  }
  const fw = fieldVocab.words;
  const lw = languageVocab.words;
  const n = sites.length;
  const prepared = {
    sites,
    fieldWords: fw,
    languageWords: lw,
    fieldVocab,
    languageVocab,
    fieldMasks: new Uint32Array(n * fw),
    fieldCounts: new Uint16Array(n),
    needMasks: new Uint32Array(n * fw),
    needCounts: new Uint16Array(n),
    languageMasks: new Uint32Array(n * lw),
    languageCounts: new Uint16Array(n),
    minTrl: new Uint8Array(n),
    maxTrl: new Uint8Array(n),
    capacityAndDates: new Float64Array(n),
    open: new Uint8Array(n),
    byProgramme: new Map<string, Int32Array>(),
    indexById: new Map<string, number>(),
  };
  const programmeLists = new Map<string, number[]>();
  sites.forEach((s, i) => {
    prepared.fieldCounts[i] = fieldVocab.mask(s.technologyFields, prepared.fieldMasks, i * fw);
    prepared.needCounts[i] = fieldVocab.mask(s.needs, prepared.needMasks, i * fw);
    prepared.languageCounts[i] = languageVocab.mask(s.languages, prepared.languageMasks, i * lw);
    prepared.minTrl[i] = s.minTrl;
    prepared.maxTrl[i] = s.maxTrl;
    prepared.capacityAndDates[i] = capacityAndDatesValue(s, now);
    prepared.open[i] = siteIsOpen(s, now) ? 1 : 0;
    prepared.indexById.set(s.id, i);
    for (const p of new Set(s.programmeIds)) {
      const list = programmeLists.get(p) ?? [];
      list.push(i);
      programmeLists.set(p, list);
    }
  });
  for (const [p, list] of programmeLists) prepared.byProgramme.set(p, Int32Array.from(list));
  return prepared;
}

function readinessValue(trl: number, min: number, max: number): number {
  if (trl >= min && trl <= max) return 1;
  const distance = trl < min ? min - trl : trl - max;
  return distance >= 3 ? 0 : 1 - distance / 3;
}

/** Scratch buffers of one candidate's masks, reused across candidates. */
class CandidateMasks {
  readonly fields: Uint32Array;
  readonly languages: Uint32Array;
  fieldCount = 0;
  languageCount = 0;
  constructor(private readonly prepared: PreparedSites) {
    this.fields = new Uint32Array(prepared.fieldWords);
    this.languages = new Uint32Array(prepared.languageWords);
  }
  load(c: CandidateInput): void {
    this.fields.fill(0);
    this.languages.fill(0);
    this.fieldCount = this.prepared.fieldVocab.mask(c.technologyFields, this.fields, 0);
    this.languageCount = this.prepared.languageVocab.mask(c.languages, this.languages, 0);
  }
}

type ComponentValues = Record<ComponentKey, number> & { openCallAnswer?: number };

/** The raw component values of one pair (same arithmetic as the inner loop, used to explain it). */
function componentValues(prepared: PreparedSites, masks: CandidateMasks, trl: number, i: number, answered: boolean): ComponentValues {
  const fw = prepared.fieldWords;
  const lw = prepared.languageWords;
  let fieldHits = 0;
  let needHits = 0;
  for (let w = 0; w < fw; w++) {
    fieldHits += popcount32(masks.fields[w] & prepared.fieldMasks[i * fw + w]);
    needHits += popcount32(masks.fields[w] & prepared.needMasks[i * fw + w]);
  }
  let languageHits = 0;
  for (let w = 0; w < lw; w++) languageHits += popcount32(masks.languages[w] & prepared.languageMasks[i * lw + w]);
  const fc = prepared.fieldCounts[i];
  const nc = prepared.needCounts[i];
  return {
    fieldOverlap: fc === 0 ? 0 : fieldHits / fc,
    readinessFit: readinessValue(trl, prepared.minTrl[i], prepared.maxTrl[i]),
    languageOverlap: prepared.languageCounts[i] === 0 ? 1 : languageHits > 0 ? 1 : 0,
    capacityAndDates: prepared.capacityAndDates[i],
    cityNeeds: nc === 0 ? 0 : needHits / nc,
    ...(answered ? { openCallAnswer: 1 } : {}),
  };
}

function totalOf(v: ComponentValues): number {
  return round6(
    SCORE_WEIGHTS.fieldOverlap * v.fieldOverlap +
      SCORE_WEIGHTS.readinessFit * v.readinessFit +
      SCORE_WEIGHTS.languageOverlap * v.languageOverlap +
      SCORE_WEIGHTS.capacityAndDates * v.capacityAndDates +
      SCORE_WEIGHTS.cityNeeds * v.cityNeeds +
      OPEN_CALL_ANSWER_BONUS * (v.openCallAnswer ?? 0),
  );
}

function lower(terms: readonly string[]): Set<string> {
  return new Set(terms.map((t) => t.trim().toLowerCase()));
}

interface CodedComponent {
  key: ComponentKey | BonusKey;
  weight: number;
  value: number;
  reason: MatchReason;
}

/** The reasons of one pair as codes with parameters; called only for proposals, never in the inner loop. */
export function explainCodes(candidate: CandidateInput, site: SiteInput, values: ComponentValues, now: Date): CodedComponent[] {
  const mine = lower(candidate.technologyFields);
  const sharedFields = [...lower(site.technologyFields)].filter((f) => mine.has(f)).sort();
  const sharedNeeds = [...lower(site.needs)].filter((f) => mine.has(f)).sort();
  const myLanguages = lower(candidate.languages);
  const sharedLanguages = [...lower(site.languages)].filter((l) => myLanguages.has(l)).sort();
  const free = site.capacity - site.activePilots;
  const readiness = { trl: candidate.trl, min: site.minTrl, max: site.maxTrl };
  const reasons: Record<ComponentKey, MatchReason> = {
    fieldOverlap:
      site.technologyFields.length === 0
        ? { code: 'FIELDS_NONE_NAMED', params: {} }
        : { code: 'FIELDS_SHARED', params: { shared: sharedFields.length, total: lower(site.technologyFields).size, fields: sharedFields } },
    readinessFit: values.readinessFit === 1 ? { code: 'READINESS_WITHIN', params: readiness } : { code: 'READINESS_OUTSIDE', params: readiness },
    languageOverlap:
      site.languages.length === 0
        ? { code: 'LANGUAGES_NONE_REQUIRED', params: {} }
        : sharedLanguages.length > 0
          ? { code: 'LANGUAGES_SHARED', params: { languages: sharedLanguages } }
          : { code: 'LANGUAGES_NONE_SHARED', params: { languages: [...lower(site.languages)].sort() } },
    capacityAndDates: slotsReason(site, free, now),
    cityNeeds:
      site.needs.length === 0
        ? { code: 'CITY_NEEDS_NONE', params: { city: site.city } }
        : { code: 'CITY_NEEDS_ADDRESSED', params: { addressed: sharedNeeds.length, total: lower(site.needs).size, city: site.city, needs: sharedNeeds } },
  };
  const coded: CodedComponent[] = COMPONENT_KEYS.map((key) => ({ key, weight: SCORE_WEIGHTS[key], value: round6(values[key]), reason: reasons[key] }));
  const answer = values.openCallAnswer ? latestAnswerAt(candidate, site.id) : undefined;
  if (answer) {
    coded.push({
      key: 'openCallAnswer',
      weight: OPEN_CALL_ANSWER_BONUS,
      value: 1,
      reason: { code: 'OPEN_CALL_ANSWERED', params: { date: answer.answeredAt.toISOString().slice(0, 10), title: answer.title } },
    });
  }
  return coded;
}

/** Plain-words (English) reasons for one pair; called only for proposals, never in the inner loop. */
export function explain(candidate: CandidateInput, site: SiteInput, values: ComponentValues, now: Date): ExplainedComponent[] {
  return explainCodes(candidate, site, values, now).map(({ reason, ...component }) => ({ ...component, reason: englishMatchReason(reason) }));
}

/** The startup's most recent answer to an open call of the site. */
function latestAnswerAt(candidate: CandidateInput, siteId: string): OpenCallAnswerInput | undefined {
  let latest: OpenCallAnswerInput | undefined;
  for (const a of candidate.openCallAnswers ?? []) {
    if (a.siteId === siteId && (!latest || a.answeredAt.getTime() > latest.answeredAt.getTime())) latest = a;
  }
  return latest;
}

function slotsReason(site: SiteInput, free: number, now: Date): MatchReason {
  const slots = { free, capacity: site.capacity };
  const t = now.getTime();
  const from = site.availableFrom?.toISOString().slice(0, 10) ?? null;
  const until = site.availableUntil?.toISOString().slice(0, 10) ?? null;
  if (site.availableFrom && site.availableFrom.getTime() > t + OPENS_SOON_DAYS * DAY_MS) return { code: 'SLOTS_ONLY_FROM', params: { ...slots, from: from! } };
  if (site.availableUntil && site.availableUntil.getTime() < t + MIN_WINDOW_DAYS * DAY_MS) return { code: 'SLOTS_ONLY_UNTIL', params: { ...slots, until: until! } };
  if (from || until) return { code: 'SLOTS_WINDOW', params: { ...slots, from, until } };
  return { code: 'SLOTS_ANY_TIME', params: slots };
}

/**
 * The best `topK` sites for each candidate, among the open sites that take part in the candidate's
 * programme. Result: per candidate (in candidate-id order), matches by score desc then site id.
 */
export function rankSitesForCandidates(candidates: readonly CandidateInput[], prepared: PreparedSites, options: MatchOptions): Match[][] {
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  const k = Math.max(0, options.topK);
  const fw = prepared.fieldWords;
  const lw = prepared.languageWords;
  const masks = new CandidateMasks(prepared);
  const topScore = new Float64Array(k);
  const topSite = new Int32Array(k);
  const W_F = SCORE_WEIGHTS.fieldOverlap;
  const W_R = SCORE_WEIGHTS.readinessFit;
  const W_L = SCORE_WEIGHTS.languageOverlap;
  const W_C = SCORE_WEIGHTS.capacityAndDates;
  const W_N = SCORE_WEIGHTS.cityNeeds;
  const W_B = OPEN_CALL_ANSWER_BONUS;
  /** Indexes of the sites the current candidate answered an open call of (usually none). */
  const answered: number[] = [];
  const results: Match[][] = [];
  for (const c of byId(candidates)) {
    const eligible = prepared.byProgramme.get(c.programmeId);
    if (!eligible || k === 0) {
      results.push([]);
      continue;
    }
    masks.load(c);
    const cf = masks.fields;
    const cl = masks.languages;
    const trl = c.trl;
    answered.length = 0;
    if (c.openCallAnswers) {
      for (const a of c.openCallAnswers) {
        const index = prepared.indexById.get(a.siteId);
        if (index !== undefined && !answered.includes(index)) answered.push(index);
      }
    }
    const answeredCount = answered.length;
    let filled = 0;
    for (let e = 0; e < eligible.length; e++) {
      const i = eligible[e];
      if (prepared.open[i] === 0) continue;
      let fieldHits = 0;
      let needHits = 0;
      const base = i * fw;
      for (let w = 0; w < fw; w++) {
        const m = cf[w];
        if (m === 0) continue;
        fieldHits += popcount32(m & prepared.fieldMasks[base + w]);
        needHits += popcount32(m & prepared.needMasks[base + w]);
      }
      let bonus = 0;
      for (let a = 0; a < answeredCount; a++) {
        if (answered[a] === i) {
          bonus = 1;
          break;
        }
      }
      // A site is proposed only to startups working in at least one of its fields, or that answered
      // one of its open calls (they asked for the site themselves).
      if (fieldHits === 0 && bonus === 0) continue;
      let languageValue = 1;
      if (prepared.languageCounts[i] !== 0) {
        languageValue = 0;
        const lbase = i * lw;
        for (let w = 0; w < lw; w++) {
          if ((cl[w] & prepared.languageMasks[lbase + w]) !== 0) {
            languageValue = 1;
            break;
          }
        }
      }
      const lo = prepared.minTrl[i];
      const hi = prepared.maxTrl[i];
      const distance = trl < lo ? lo - trl : trl > hi ? trl - hi : 0;
      const readiness = distance >= 3 ? 0 : 1 - distance / 3;
      const nc = prepared.needCounts[i];
      const raw =
        W_F * (fieldHits === 0 ? 0 : fieldHits / prepared.fieldCounts[i]) +
        W_R * readiness +
        W_L * languageValue +
        W_C * prepared.capacityAndDates[i] +
        W_N * (nc === 0 ? 0 : needHits / nc) +
        W_B * bonus;
      const score = Math.round(raw * 1e6) / 1e6;
      if (score < minScore) continue;
      // Keep the top k sorted by score desc; sites come in id order, so an equal score never displaces.
      if (filled === k && score <= topScore[k - 1]) continue;
      let pos = filled < k ? filled++ : k - 1;
      while (pos > 0 && topScore[pos - 1] < score) {
        topScore[pos] = topScore[pos - 1];
        topSite[pos] = topSite[pos - 1];
        pos--;
      }
      topScore[pos] = score;
      topSite[pos] = i;
    }
    const matches: Match[] = [];
    for (let p = 0; p < filled; p++) {
      const i = topSite[p];
      const site = prepared.sites[i];
      const values = componentValues(prepared, masks, trl, i, answeredCount > 0 && answered.includes(i));
      const coded = explainCodes(c, site, values, options.now);
      matches.push({
        candidateId: c.id,
        siteId: site.id,
        score: totalOf(values),
        components: coded.map(({ reason, ...component }) => ({ ...component, reason: englishMatchReason(reason) })),
        reasonCodes: coded.map((component) => component.reason),
      });
    }
    results.push(matches);
  }
  return results;
}

/**
 * The best `topK` candidates for one site (when it is added or frees capacity): candidates of the
 * programmes it takes part in, by score desc then candidate id.
 */
export function rankCandidatesForSite(site: SiteInput, candidates: readonly CandidateInput[], options: MatchOptions): Match[] {
  const prepared = prepareSites([site], options.now);
  const perCandidate = rankSitesForCandidates(candidates, prepared, { ...options, topK: 1 });
  return perCandidate
    .flat()
    .sort((a, b) => b.score - a.score || (a.candidateId < b.candidateId ? -1 : a.candidateId > b.candidateId ? 1 : 0))
    .slice(0, Math.max(0, options.topK));
}

/** Event payload form of the components (`pilot.match_proposed`). */
export function componentsRecord(components: readonly ExplainedComponent[]): Record<ComponentKey, number> & { openCallAnswer?: number } {
  const out: Record<ComponentKey, number> & { openCallAnswer?: number } = { fieldOverlap: 0, readinessFit: 0, languageOverlap: 0, capacityAndDates: 0, cityNeeds: 0 };
  for (const c of components) out[c.key] = c.value;
  return out;
}
