import { planAssignments } from './assignment-planner';

const apps = ['a1', 'a2', 'a3', 'a4'].map((id, i) => ({ applicationId: id, startupId: `s${i + 1}`, assignedReviewerIds: [] as string[], missing: 2 }));
const reviewers = ['r1', 'r2', 'r3'].map((id) => ({ reviewerId: id, organisationId: `org-${id}`, load: 0 }));
const none = { conflicts: [], linkedOrganisations: new Map<string, Set<string>>() };

describe('automatic reviewer assignment', () => {
  it('balances load across reviewers', () => {
    const plan = planAssignments(apps, reviewers, 10, none);
    expect(plan.unfilled).toEqual([]);
    const load = (id: string) => plan.assignments.filter((a) => a.reviewerId === id).length;
    expect([load('r1'), load('r2'), load('r3')].sort()).toEqual([2, 3, 3]);
    for (const app of apps) expect(new Set(plan.assignments.filter((a) => a.applicationId === app.applicationId).map((a) => a.reviewerId)).size).toBe(2);
  });

  it('respects the quota and reports what it could not fill', () => {
    const plan = planAssignments(apps, reviewers, 2, none);
    for (const r of reviewers) expect(plan.assignments.filter((a) => a.reviewerId === r.reviewerId).length).toBeLessThanOrEqual(2);
    expect(plan.assignments).toHaveLength(6);
    expect(plan.unfilled).toEqual([{ applicationId: 'a4', missing: 2 }]);
  });

  it('counts load from earlier runs', () => {
    const plan = planAssignments([apps[0]], [{ ...reviewers[0], load: 5 }, reviewers[1], reviewers[2]], 10, none);
    expect(plan.assignments.map((a) => a.reviewerId).sort()).toEqual(['r2', 'r3']);
  });

  it('never assigns a conflicted reviewer or one whose organisation certified the startup', () => {
    const plan = planAssignments(apps, reviewers, 10, {
      conflicts: [{ reviewerId: 'r1', startupId: 's1', applicationId: null }, { reviewerId: 'r2', startupId: 's2', applicationId: 'a2' }],
      linkedOrganisations: new Map([['s3', new Set(['org-r3'])]]),
    });
    const pairs = plan.assignments.map((a) => `${a.applicationId}:${a.reviewerId}`);
    expect(pairs).not.toContain('a1:r1');
    expect(pairs).not.toContain('a2:r2');
    expect(pairs).not.toContain('a3:r3');
    expect(plan.unfilled).toEqual([]);
  });

  it('does not assign the same reviewer twice to an application', () => {
    const plan = planAssignments([{ ...apps[0], assignedReviewerIds: ['r1'], missing: 2 }], reviewers, 10, none);
    expect(plan.assignments.map((a) => a.reviewerId).sort()).toEqual(['r2', 'r3']);
  });
});
