import { randomUUID } from 'node:crypto';
import {
  ContractViolation,
  createEvent,
  decodeEvent,
  envelopeHeaders,
  EVENT_TYPES,
  EventKey,
  eventKey,
  ProducedEventSchemas,
  validateEventData,
  type EventType,
} from '@exchange/contracts';

const id = () => randomUUID();
const programme = { id: id(), kind: 'accelerator' as const, organiserOrgId: id(), partnerOrgIds: [id()] };
const now = new Date().toISOString();

describe('the Kafka key of each event type', () => {
  it('is derived from the payload for every type', () => {
    expect(Object.keys(EventKey).sort()).toEqual([...EVENT_TYPES].sort());
    expect(Object.keys(ProducedEventSchemas).sort()).toEqual([...EVENT_TYPES].sort());
  });

  it("is the startup for what happens to a startup (its people too), the person for another person, the cohort or programme for what happens to them", () => {
    const startupId = id();
    const cohortId = id();
    const organisationId = id();
    const personId = id();
    const openCallId = id();
    const missionId = id();
    // Only the fields each rule reads: which field wins is what this table pins down.
    const cases: Array<[EventType, Record<string, unknown>, string]> = [
      ['programme.published', { programme }, programme.id],
      ['programme.closed', { programme }, programme.id],
      ['startup.registered', { startup: { id: startupId } }, startupId],
      ['startup.updated', { startup: { id: startupId } }, startupId],
      // A startup's principal is keyed by its startup: its address is known before the mail about its application.
      ['person.registered', { person: { id: personId, startupId } }, startupId],
      ['person.updated', { person: { id: personId, organisationId } }, personId],
      ['application.submitted', { startupId, programme }, startupId],
      ['review.overdue', { startupId, programme }, startupId],
      ['application.accepted', { startupId, programme }, startupId],
      ['application.flagged', { startupId, programme }, startupId],
      // A certificate is about its startup, not its issuing body.
      ['certification.issued', { startupId, issuerOrganisationId: organisationId }, startupId],
      ['certification.renewed', { startupId, issuerOrganisationId: organisationId }, startupId],
      ['certification.revoked', { startupId, issuerOrganisationId: organisationId }, startupId],
      ['pilot.match_proposed', { startupId, programme }, startupId],
      ['pilot.completed', { startupId, programme }, startupId],
      // An open call's events follow the call (published, answered by many startups, closed), in order.
      ['open_call.published', { openCallId, programme }, openCallId],
      ['open_call.answered', { openCallId, startupId, programme }, openCallId],
      ['open_call.closed', { openCallId }, openCallId],
      ['cohort.opened', { cohortId, startupId, programme }, cohortId],
      ['cohort.started', { cohortId, startupId, programme }, cohortId],
      ['cohort.offer_made', { cohortId, startupId, programme }, startupId],
      ['cohort.waitlisted', { cohortId, startupId, programme }, startupId],
      ['cohort.graduated', { cohortId, startupId, programme }, startupId],
      ['webhook.endpoint_disabled', { organisationId, startupId }, organisationId],
      // A mission's events follow the mission (publication, schedule, outcomes), in order.
      ['mission.published', { mission: { id: missionId, organiserOrgId: organisationId, partnerOrgIds: [] } }, missionId],
      ['mission.schedule_published', { mission: { id: missionId, organiserOrgId: organisationId, partnerOrgIds: [] } }, missionId],
      ['mission.meeting_outcome_recorded', { mission: { id: missionId, organiserOrgId: organisationId, partnerOrgIds: [] }, delegation: { startupId } }, missionId],
    ];
    for (const [type, data, key] of cases) expect([type, eventKey(type, data as never)]).toEqual([type, key]);
  });
});

describe('programme-scoped pilot and cohort events', () => {
  const opened = { cohortId: id(), programmeId: programme.id, name: '서울 2030', hostCity: 'Seoul', capacity: 10, startsOn: '2030-03-02', endsOn: '2030-06-30' };

  it('are produced with the programme and who runs it', () => {
    expect(validateEventData('cohort.opened', { ...opened, programme }, ProducedEventSchemas)).toMatchObject({ programme });
    expect(() => validateEventData('cohort.opened', opened, ProducedEventSchemas)).toThrow(ContractViolation);
    expect(() => validateEventData('cohort.opened', opened, ProducedEventSchemas)).toThrow(/programme/);
    const declined = { proposalId: id(), startupId: id(), programmeId: programme.id, siteId: id(), reason: 'no slot' };
    expect(() => validateEventData('pilot.declined', declined, ProducedEventSchemas)).toThrow(/programme/);
    expect(validateEventData('pilot.declined', { ...declined, programme }, ProducedEventSchemas)).toMatchObject({ programme });
  });

  it('still decode as written before they carried the programme (a topic may hold them), but not with a broken one', () => {
    const decode = (data: unknown) => {
      const envelope = createEvent({ type: 'cohort.opened', data: opened, source: '/services/cohorts' });
      return decodeEvent({ headers: envelopeHeaders(envelope), value: JSON.stringify(data) });
    };
    expect(decode(opened).data).toEqual(opened);
    expect(decode({ ...opened, programme }).data).toEqual({ ...opened, programme });
    expect(() => decode({ ...opened, programme: { ...programme, organiserOrgId: 'nobody' } })).toThrow(ContractViolation);
  });
});
