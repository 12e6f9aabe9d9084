import { eventKey, type ProgrammeRef } from '@exchange/contracts';
import type { Programme, ReviewAssignment } from '@exchange/data';
import type { OutboxEvent, OutboxWriter } from '@exchange/messaging';
import type { DataSource, EntityManager } from 'typeorm';
import type { ApplicationsConfig } from '../config';
import type { ProgrammesRepository } from '../programmes/programmes.repository';
import { OverdueSweeper, overdueEvents } from './overdue-sweeper';
import type { ReviewsRepository } from './reviews.repository';

const dueAt = new Date('2026-05-01T09:00:00.000Z');
const assignment = (n: number, programmeId = 'p1') => ({
  assignment: { id: `r${n}`, applicationId: `a${n}`, reviewerPrincipalId: `rev${n}`, dueAt } as ReviewAssignment,
  subject: { startupId: `s${n}`, programmeId },
});
const ref = (id: string): ProgrammeRef => ({ id, kind: 'pilot', organiserOrgId: 'org-1', partnerOrgIds: ['org-2'] });

describe('overdueEvents', () => {
  it('raises one review.overdue per claimed assignment, keyed by its startup, with its programme', () => {
    const rows = [assignment(1), assignment(2, 'p2')];
    const events = overdueEvents(
      rows.map((r) => r.assignment),
      new Map(rows.map((r) => [r.assignment.id, r.subject])),
      new Map([['p1', ref('p1')], ['p2', ref('p2')]]),
    );
    expect(events).toEqual([
      {
        type: 'review.overdue',
        data: { applicationId: 'a1', startupId: 's1', programme: ref('p1'), assignmentId: 'r1', reviewerId: 'rev1', dueAt: dueAt.toISOString(), overdueSince: dueAt.toISOString() },
      },
      expect.objectContaining({ data: expect.objectContaining({ startupId: 's2', assignmentId: 'r2', programme: ref('p2') }) }),
    ]);
    expect(events.map((e) => eventKey(e.type, e.data))).toEqual(['s1', 's2']);
  });
});

describe('OverdueSweeper.sweepOnce', () => {
  /** Claims come from `batches`, one per transaction; everything the sweeper writes is recorded. */
  function sweeper(batches: number[]) {
    const written: OutboxEvent[][] = [];
    const programmeReads: string[] = [];
    let next = 0;
    let claimedSoFar = 0;
    const tx = {} as EntityManager;
    const dataSource = { transaction: async <T>(work: (tx: EntityManager) => Promise<T>) => work(tx) } as unknown as DataSource;
    const repository = {
      claimOverdue: async (_tx: EntityManager, limit: number) => {
        const size = Math.min(batches[next++] ?? 0, limit);
        const rows = Array.from({ length: size }, (_, i) => assignment(claimedSoFar + i + 1, (claimedSoFar + i) % 2 ? 'p2' : 'p1'));
        claimedSoFar += size;
        return rows.map((r) => r.assignment);
      },
      assignmentSubjects: async (_tx: EntityManager, ids: string[]) =>
        new Map(ids.map((id) => [id, assignment(Number(id.slice(1)), (Number(id.slice(1)) - 1) % 2 ? 'p2' : 'p1').subject])),
    } as unknown as ReviewsRepository;
    const programmes = {
      findById: async (id: string) => {
        programmeReads.push(id);
        return { id, kind: 'pilot', organiserOrganisationId: 'org-1', partnerOrganisationIds: ['org-2'] } as Programme;
      },
    } as unknown as ProgrammesRepository;
    const outbox = { addAll: async (_tx: EntityManager, events: OutboxEvent[]) => void written.push(events) } as unknown as OutboxWriter;
    const config = { REVIEW_OVERDUE_SWEEP_MS: 0 } as ApplicationsConfig;
    return { sweeper: new OverdueSweeper(dataSource, repository, programmes, outbox, config), written, programmeReads };
  }

  it('reports nothing and writes no event when nothing is overdue', async () => {
    const { sweeper: s, written } = sweeper([0]);
    await expect(s.sweepOnce()).resolves.toBe(0);
    expect(written).toEqual([]);
  });

  it('keeps claiming while batches come back full, then stops at the first short one', async () => {
    const { sweeper: s, written } = sweeper([200, 200, 7, 50]);
    await expect(s.sweepOnce()).resolves.toBe(407);
    expect(written.map((events) => events.length)).toEqual([200, 200, 7]);
    expect(new Set(written.flat().map((e) => (e.data as { assignmentId: string }).assignmentId)).size).toBe(407);
  });

  it('reads each programme once per batch, however many of its assignments are overdue', async () => {
    const { sweeper: s, written, programmeReads } = sweeper([5]);
    await s.sweepOnce();
    expect(programmeReads.sort()).toEqual(['p1', 'p2']);
    expect(written[0].map((e) => (e.data as { programme: ProgrammeRef }).programme.id)).toEqual(['p1', 'p2', 'p1', 'p2', 'p1']);
  });
});
