import type { EventEnvelope } from '@exchange/contracts';
import type { EntityManager } from 'typeorm';
import { AlumniRecorder } from './alumni-recorder';
import type { AlumniRepository, GraduationRecord } from './alumni.repository';

const tx = {} as EntityManager;

function fakeRepository(known: boolean) {
  const inserted: GraduationRecord[] = [];
  const lookups: Array<[string, string]> = [];
  const repository = {
    bothKnown: async (_tx: EntityManager, startupId: string, organisationId: string) => {
      lookups.push([startupId, organisationId]);
      return known;
    },
    insertGraduation: async (_tx: EntityManager, record: GraduationRecord) => void inserted.push(record),
  };
  return { repository: repository as unknown as AlumniRepository, inserted, lookups };
}

const graduation = (graduated: boolean) =>
  ({
    id: 'ev-1',
    type: 'cohort.graduated',
    time: '2026-06-30T12:00:00.000Z',
    data: { startupId: 's1', cohortId: 'c1', programmeId: 'p1', hostOrgId: 'org-1', graduated, note: 'Demo day winner' },
  }) as unknown as EventEnvelope<'cohort.graduated'>;

describe('AlumniRecorder', () => {
  it('records a graduate as an alumnus of the host organisation', async () => {
    const { repository, inserted, lookups } = fakeRepository(true);
    await expect(new AlumniRecorder(repository).recordGraduation(graduation(true), tx)).resolves.toBe('recorded');
    expect(lookups).toEqual([['s1', 'org-1']]);
    expect(inserted).toEqual([
      { startupId: 's1', cohortId: 'c1', programmeId: 'p1', organisationId: 'org-1', graduatedAt: '2026-06-30T12:00:00.000Z', note: 'Demo day winner', sourceEventId: 'ev-1' },
    ]);
  });

  it('skips a member who left without graduating, without reading anything', async () => {
    const { repository, inserted, lookups } = fakeRepository(true);
    await expect(new AlumniRecorder(repository).recordGraduation(graduation(false), tx)).resolves.toBe('skipped');
    expect(lookups).toEqual([]);
    expect(inserted).toEqual([]);
  });

  it('skips a graduation of an unknown startup or organisation instead of failing the event', async () => {
    const { repository, inserted } = fakeRepository(false);
    await expect(new AlumniRecorder(repository).recordGraduation(graduation(true), tx)).resolves.toBe('skipped');
    expect(inserted).toEqual([]);
  });
});
