/**
 * Matching throughput (DESIGN.md section 8 target: 10,000 candidates × 1,000 sites in under 2 s).
 * Builds a deterministic synthetic data set (every site takes part in the one programme, so all
 * 10 million pairs are scored), runs the engine and prints the time.
 * Run: npm run bench:matching  (env BENCH_CANDIDATES, BENCH_SITES, BENCH_TOP_K)
 */
import { performance } from 'node:perf_hooks';
import {
  prepareSites,
  rankSitesForCandidates,
  type CandidateInput,
  type SiteInput,
} from '../services/pilots/src/matching/matching.engine';

/** A small seeded generator (mulberry32) so every run scores the same data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIELDS = Array.from({ length: 60 }, (_, i) => `field_${i}`);
const NEEDS = Array.from({ length: 20 }, (_, i) => `need_${i}`);
const LANGUAGES = ['en', 'ko', 'ru', 'de', 'fr'];
const PROGRAMME = '00000000-0000-4000-8000-000000000001';

function pick<T>(random: () => number, from: readonly T[], n: number): T[] {
  const out = new Set<T>();
  while (out.size < n) out.add(from[Math.floor(random() * from.length)]);
  return [...out];
}

function uuid(prefix: number, i: number): string {
  return `${prefix.toString(16).padStart(8, '0')}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
}

function dataSet(candidateCount: number, siteCount: number) {
  const random = rng(42);
  const now = new Date('2026-01-15T00:00:00Z');
  const sites: SiteInput[] = Array.from({ length: siteCount }, (_, i) => {
    const min = 1 + Math.floor(random() * 6);
    return {
      id: uuid(2, i),
      name: `Site ${i}`,
      city: 'Moscow',
      technologyFields: pick(random, FIELDS, 2 + Math.floor(random() * 4)),
      needs: pick(random, [...NEEDS, ...FIELDS], 1 + Math.floor(random() * 3)),
      languages: pick(random, LANGUAGES, 1 + Math.floor(random() * 2)),
      minTrl: min,
      maxTrl: Math.min(9, min + 2 + Math.floor(random() * 3)),
      capacity: 1 + Math.floor(random() * 5),
      activePilots: 0,
      availableFrom: random() < 0.2 ? new Date(now.getTime() + 120 * 86_400_000) : null,
      availableUntil: null,
      programmeIds: [PROGRAMME],
    };
  });
  const candidates: CandidateInput[] = Array.from({ length: candidateCount }, (_, i) => ({
    id: uuid(1, i),
    programmeId: PROGRAMME,
    technologyFields: pick(random, [...FIELDS, ...NEEDS], 1 + Math.floor(random() * 4)),
    trl: 1 + Math.floor(random() * 9),
    languages: pick(random, LANGUAGES, 1 + Math.floor(random() * 2)),
  }));
  return { sites, candidates, now };
}

function main() {
  const candidateCount = Number(process.env.BENCH_CANDIDATES ?? 10_000);
  const siteCount = Number(process.env.BENCH_SITES ?? 1_000);
  const topK = Number(process.env.BENCH_TOP_K ?? 3);
  const { sites, candidates, now } = dataSet(candidateCount, siteCount);
  // One warm-up run on a slice lets V8 optimise the inner loop, as it would be in a running service.
  rankSitesForCandidates(candidates.slice(0, 500), prepareSites(sites, now), { now, topK });
  const runs: number[] = [];
  let proposals = 0;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const prepared = prepareSites(sites, now);
    const result = rankSitesForCandidates(candidates, prepared, { now, topK });
    runs.push(performance.now() - started);
    proposals = result.reduce((n, r) => n + r.length, 0);
  }
  const best = Math.min(...runs);
  const pairs = candidateCount * siteCount;
  console.log(
    JSON.stringify({
      benchmark: 'matching',
      candidates: candidateCount,
      sites: siteCount,
      pairsScored: pairs,
      topK,
      proposals,
      runsMs: runs.map((r) => Math.round(r)),
      bestMs: Math.round(best),
      nsPerPair: Math.round((best * 1e6) / pairs),
      targetMs: 2000,
      meetsTarget: best < 2000,
    }),
  );
}

main();
