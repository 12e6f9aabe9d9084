import { randomUUID } from 'node:crypto';
import { createEvent, type AnyEventEnvelope, type EventInput, type EventType } from '@exchange/contracts';
import { MAIL_CATEGORY_OF } from './mail-content';
import { mailPlansOf, reminderCancelledBy, reminderMailPlan, reminderOf, rotationReminderDue } from './mail-plans';

const HOUR = 3_600_000;
const programme = { id: randomUUID(), kind: 'pilot' as const, organiserOrgId: randomUUID(), partnerOrgIds: [randomUUID()] };
const names = { programme: { name: '도시 실증', nameLatin: 'City Pilots' }, startup: { name: '메디봇', nameLatin: 'Medibot' } };
const at = (ms: number) => new Date(Date.now() + ms).toISOString();
const event = <T extends EventType>(type: T, data: EventInput<T>) => createEvent({ type, data, source: '/test' }) as unknown as AnyEventEnvelope;

const pilot = { pilotId: randomUUID(), startupId: randomUUID(), programmeId: programme.id, programme, siteId: randomUUID(), hostOrgId: randomUUID() };
const assignment = { applicationId: randomUUID(), startupId: randomUUID(), programme, assignmentId: randomUUID(), reviewerId: randomUUID(), dueAt: at(10 * 24 * HOUR) };

describe('which mail each event causes', () => {
  it('mails a startup only about itself, and a reviewer never the startup', () => {
    const approved = event('pilot.approved', { ...pilot, proposalId: randomUUID(), successCriteria: [{ name: 'Wait time', unit: 'min', target: 15 }], durationDays: 30, hostOwner: 'Анна', approvedBy: randomUUID() });
    const plans = mailPlansOf(approved);
    expect(plans.map((p) => [p.kind, p.audience])).toEqual([
      ['pilot.approved', { to: 'startup', startupId: pilot.startupId }],
      ['host.pilot_approved', { to: 'organisation', organisationId: pilot.hostOrgId, roles: ['host'] }],
    ]);
    expect(plans[0].content(names)).toMatchObject({ successCriteria: ['Wait time: 15 min'] });

    const [review] = mailPlansOf(event('review.assigned', assignment));
    expect(review.audience).toEqual({ to: 'person', personId: assignment.reviewerId });
    expect(JSON.stringify(review.content(names))).not.toMatch(/Medibot|메디봇/);
  });

  it('sends a security notice of a disabled endpoint to its own organisation only', () => {
    const organisationId = randomUUID();
    const [plan] = mailPlansOf(event('webhook.endpoint_disabled', { endpointId: randomUUID(), organisationId, url: 'https://x.example/h', reason: 'gone', lastSuccessAt: null }));
    expect(plan.audience).toEqual({ to: 'organisation', organisationId, roles: ['admin', 'partner_agency'] });
    expect(MAIL_CATEGORY_OF[plan.kind]).toBe('security');
  });

  it('mails nobody about what only partners or services need (a startup profile change, a programme published, a cohort started)', () => {
    const startup = { id: randomUUID(), name: '메디봇', nameLatin: 'Medibot', country: 'KR', technologyFields: ['medtech'], readinessLevel: 5, languages: ['ko'] };
    expect(mailPlansOf(event('startup.updated', { startup, changedFields: ['name'] }))).toEqual([]);
    const published = event('programme.published', { programme, name: 'P', nameLatin: null, hostCountry: 'RU', hostCity: 'Moscow', opensAt: at(0), closesAt: at(HOUR), publishedAt: at(0) });
    expect(mailPlansOf(published)).toEqual([]);
    expect(mailPlansOf(event('cohort.started', { cohortId: randomUUID(), programmeId: programme.id, programme, members: 3, startedAt: at(0) }))).toEqual([]);
  });
});

describe('reminders', () => {
  it('schedules a pilot report reminder two days before the last day, cancelled when the pilot completes or is cancelled', () => {
    const endsOn = new Date(Date.now() + 20 * 24 * HOUR).toISOString().slice(0, 10);
    const scheduled = event('pilot.scheduled', { ...pilot, startsOn: new Date().toISOString().slice(0, 10), endsOn });
    expect(reminderOf(scheduled)).toEqual({ kind: 'pilot.report_due', subjectId: pilot.pilotId, dueAt: new Date(Date.parse(`${endsOn}T00:00:00Z`) - 48 * HOUR) });
    expect(reminderMailPlan('pilot.report_due', scheduled)?.content(names)).toEqual({ kind: 'pilot.report_due', ...names, endsOn });
    const cancelled = event('pilot.cancelled', { ...pilot, reason: 'site closed' });
    expect(reminderCancelledBy(cancelled)).toEqual({ kind: 'pilot.report_due', subjectId: pilot.pilotId });
  });

  it('schedules nothing that would already be due when the event happens', () => {
    const soon = new Date(Date.now() + 24 * HOUR).toISOString().slice(0, 10);
    expect(reminderOf(event('pilot.scheduled', { ...pilot, startsOn: soon, endsOn: soon }))).toBeNull();
    expect(reminderOf(event('review.assigned', { ...assignment, dueAt: at(47 * HOUR) }))).toBeNull();
    expect(reminderOf(event('review.assigned', assignment))?.kind).toBe('review.due_soon');
  });

  it('reminds of a rotation a day before the old secret stops, or halfway through a shorter overlap', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    expect(rotationReminderDue(now, new Date('2030-01-08T00:00:00Z'))).toEqual(new Date('2030-01-07T00:00:00Z'));
    expect(rotationReminderDue(now, new Date('2030-01-01T12:00:00Z'))).toEqual(new Date('2030-01-01T06:00:00Z'));
  });
});
