import type { EventType, ProducedEventData } from '../events';

/** What the documents say about one event type beside its schema. */
export interface EventCatalogueEntry<T extends EventType> {
  /** When the event is sent, in one sentence. */
  summary: string;
  /** A payload as its producer writes it (defaults applied): it must pass the produced schema. */
  example: ProducedEventData<T>;
}

/** One entry per event type: a new event type without one fails the type check. */
export type EventCatalogue = { readonly [T in EventType]: EventCatalogueEntry<T> };

// Fixed ids, so the generated documents do not change from one run to the next.
const ids = {
  startup: '3f0c9a52-7d1e-4b6a-9c2f-5e8d1a7b4c30',
  programme: '8b2e4f61-0c3d-4a7e-b5f9-2d6c8e1a3b47',
  organiser: 'c41d7e2a-9b5f-4e08-a3c6-7f1b2d9e5a84',
  partner: '5a9f3c17-2e6b-4d80-9f4a-1c7e3b5d8a26',
  application: 'e7b1c5d3-4f2a-4968-8b0e-6a3d9c1f7e52',
  reviewer: '2d8a6f4c-1b7e-4c3a-9e5d-8f0b2a6c4e19',
  assignment: '9c3e7a15-6d2f-4b8e-a1c4-3e5f7b9d2a60',
  decider: '6e4b2d8f-3a1c-4f7e-8d9b-0c2e4a6f8b13',
  site: 'a2f6d4b8-7c3e-4a1d-9b5f-6e8c0a2d4f71',
  hostOrg: '1b5d9f3a-8e4c-4b2f-a7d1-9c3e5b7f1d28',
  proposal: 'd9a3f7c1-5b2e-4d6a-8f4c-2b6e0d8a3c95',
  pilot: '4c8e2a6d-9f1b-4e3c-b7a5-0d2f6c8e4a39',
  cohort: 'f3b7d1e9-2c6a-4f8d-9e3b-5a1c7e9d3b04',
  offer: '7a1e5c9b-3d7f-4a2e-8c6d-4f0a8e2c6b57',
  endpoint: 'b6c0e4a8-1d5f-4c9b-a3e7-8d2f4b6a0c92',
  person: '0e6a2c8f-4b1d-4f3a-9c7e-5d2b8f0a6c41',
  openCall: '6f2a9d4e-1c7b-4e5a-8d3f-b0c6e2a9f718',
  openCallAnswer: 'c8e4a1f6-7d3b-4a9e-b2c5-1f9d6e3a8b40',
  certification: '6b2f8d4a-0e3c-4a7f-9d1b-3c5e7a9f1b82',
  certificationBody: 'e2c8a4f6-5d9b-4e1a-8f3c-7b1d5e9a3c06',
  flag: '8d4b0f6c-2a7e-4c9d-b3f1-5e9a1c3d7f24',
  pitchDay: '3a7c1e5f-9b2d-4f6a-8c0e-4d6b8f2a1c57',
  pitchSession: 'b1d5f9a3-6c8e-4b2d-9f7a-1e3c5a7d9b20',
  agreement: '2c6e0a4d-8f1b-4a3c-9e7d-5b1f3d7a9c26',
  otherStartup: '9e1a5c3f-7b2d-4e8a-a6c4-2f8d0b4e6a15',
  mission: '5c1e9a7d-3f4b-4d2e-8a6c-0b9d7f3e1a65',
  missionMeeting: 'a7d3e1c9-6b2f-4f8a-9c5e-2d4b8f0a6e13',
  delegationParticipant: '3e9b5d1f-7a2c-4e6b-8d0f-4a6c2e8b0d57',
  localParticipant: 'b1f7c3a9-5e0d-4b2f-9a8c-6e2d0b4f8a39',
} as const;

const programme = { id: ids.programme, kind: 'pilot' as const, organiserOrgId: ids.organiser, partnerOrgIds: [ids.partner] };
const accelerator = { ...programme, kind: 'accelerator' as const };
const mission = { id: ids.mission, organiserOrgId: ids.organiser, partnerOrgIds: [ids.partner] };
const startup = {
  id: ids.startup,
  name: '서울 스마트 헬스',
  nameLatin: 'Seoul Smart Health',
  country: 'KR',
  technologyFields: ['medtech', 'ai'],
  readinessLevel: 7,
  languages: ['ko', 'en'],
};
const application = { applicationId: ids.application, startupId: ids.startup, programme };
const review = { ...application, assignmentId: ids.assignment, reviewerId: ids.reviewer, dueAt: '2030-03-20T18:00:00Z' };
const decision = { ...application, score: 4.2, decidedBy: ids.decider, decidedAt: '2030-03-25T10:30:00Z' };
const pilot = { pilotId: ids.pilot, startupId: ids.startup, programmeId: ids.programme, programme, siteId: ids.site, hostOrgId: ids.hostOrg };
const cohort = { cohortId: ids.cohort, programmeId: ids.programme, programme: accelerator };
const member = { ...cohort, startupId: ids.startup, group: 'A' };
const person = {
  id: ids.person,
  role: 'reviewer' as const,
  organisationId: ids.organiser,
  startupId: null,
  displayName: 'Анна Петрова',
  email: 'a.petrova@agency.example',
  preferredLanguage: 'ru' as const,
  timeZone: 'Europe/Moscow',
  state: 'active' as const,
};
const certification = {
  certificationId: ids.certification,
  startupId: ids.startup,
  issuerOrganisationId: ids.certificationBody,
  kind: 'innovation_certificate',
  grade: 'AA',
  validFrom: '2030-01-01T00:00:00Z',
  validUntil: '2032-12-31T23:59:59Z',
};
const successCriteria = [{ name: 'Patients triaged per day', unit: 'patients', target: 120 }];

export const EVENT_CATALOGUE: EventCatalogue = {
  'programme.published': {
    summary: 'Sent when an organiser opens a programme to applications, naming who runs it and its partner agencies.',
    example: {
      programme,
      name: '부산 스마트시티 실증',
      nameLatin: 'Busan Smart City Pilots',
      hostCountry: 'KR',
      hostCity: 'Busan',
      opensAt: '2030-03-01T00:00:00Z',
      closesAt: '2030-04-30T23:59:59Z',
      publishedAt: '2030-02-20T09:00:00Z',
    },
  },
  'programme.closed': {
    summary: 'Sent when a programme stops taking applications.',
    example: { programme, closedAt: '2030-04-30T23:59:59Z' },
  },
  'startup.registered': {
    summary: 'Sent when a startup registers on the exchange.',
    example: { startup, registeredAt: '2030-02-25T08:15:00Z' },
  },
  'startup.updated': {
    summary: "Sent when a startup changes its profile, listing the fields that changed.",
    example: { startup, changedFields: ['technologyFields', 'readinessLevel'] },
  },
  'person.registered': {
    summary: 'Sent when a person of an organisation, or a startup, gets a principal on the exchange. Personal data: never sent as a webhook.',
    example: { person, at: '2030-02-25T08:15:00Z' },
  },
  'person.updated': {
    summary: "Sent when a person's name, e-mail address, language, time zone or state changes, listing the fields that changed. Personal data: never sent as a webhook.",
    example: { person: { ...person, timeZone: 'Asia/Seoul' }, changedFields: ['timeZone'], at: '2030-03-02T10:00:00Z' },
  },
  'application.submitted': {
    summary: 'Sent when a startup submits its application to a programme.',
    example: { ...application, submittedAt: '2030-03-10T14:02:00Z' },
  },
  'application.withdrawn': {
    summary: 'Sent when a startup withdraws its application before a decision.',
    example: { ...application, reason: 'We joined another programme.' },
  },
  'review.assigned': {
    summary: 'Sent when an application is assigned to a reviewer, with the review due date.',
    example: review,
  },
  'review.overdue': {
    summary: 'Sent when an assigned review is still not submitted after its due date.',
    example: { ...review, overdueSince: '2030-03-20T18:00:00Z' },
  },
  'application.review_submitted': {
    summary: 'Sent when a reviewer submits (or abstains from) a review, with how many reviews are done.',
    example: { ...application, assignmentId: ids.assignment, reviewerId: ids.reviewer, abstained: false, reviewsDone: 2, reviewsRequired: 3 },
  },
  'application.accepted': {
    summary: "Sent when the organiser accepts an application, carrying the startup's profile for downstream programmes.",
    example: { ...decision, reason: 'Strong fit with the host city needs.', startup, fastTrack: false },
  },
  'application.rejected': {
    summary: 'Sent when the organiser rejects an application, with the reason.',
    example: { ...decision, score: 2.1, reason: 'Readiness level below the programme minimum.' },
  },
  'application.waitlisted': {
    summary: 'Sent when the organiser puts an application on the waiting list.',
    example: { ...decision, score: 3.6, reason: 'All places taken; first on the waiting list.' },
  },
  'application.flagged': {
    summary:
      "Sent when an open application relied on a certificate that its body revoked or whose validity ended: the programme's managers look at it again (it is not rejected). Once per application and certificate.",
    example: { ...application, flagId: ids.flag, certificationId: ids.certification, reason: 'certification_revoked', failedRule: 'CERTIFICATION_NOT_VERIFIED', flaggedAt: '2030-04-02T08:00:00Z' },
  },
  'certification.issued': {
    summary: 'Sent when a certification body issues a certificate to a startup (kind, grade on its own scale, validity). Delivered to the issuing body only.',
    example: { ...certification, issuedAt: '2030-01-05T10:00:00Z' },
  },
  'certification.renewed': {
    summary: "Sent when a certification body renews a startup's certificate with a new validity. Delivered to the issuing body only.",
    example: { ...certification, validUntil: '2034-12-31T23:59:59Z', previousValidUntil: '2032-12-31T23:59:59Z', renewedAt: '2032-11-20T09:00:00Z' },
  },
  'certification.revoked': {
    summary: "Sent when a certification body revokes a startup's certificate, with the reason. Delivered to the issuing body only.",
    example: { ...certification, reason: 'The audit found the reported R&D spending overstated.', revokedAt: '2030-04-01T12:00:00Z' },
  },
  'pilot.match_proposed': {
    summary: 'Sent when matching proposes a pilot site for an accepted startup, with the score and its reasons.',
    example: {
      proposalId: ids.proposal,
      startupId: ids.startup,
      programmeId: ids.programme,
      programme,
      siteId: ids.site,
      hostOrgId: ids.hostOrg,
      score: 0.82,
      components: { fieldOverlap: 0.9, readinessFit: 0.8, languageOverlap: 1, capacityAndDates: 0.7, cityNeeds: 0.75 },
      reasons: ['medtech matches the site needs', 'Korean spoken on site'],
    },
  },
  'pilot.approved': {
    summary: 'Sent when the host site approves a proposed pilot, with its success criteria and duration.',
    example: { ...pilot, proposalId: ids.proposal, successCriteria, durationDays: 90, hostOwner: 'Kim Min-ji', approvedBy: ids.decider },
  },
  'pilot.declined': {
    summary: 'Sent when the host site declines a proposed pilot.',
    example: { proposalId: ids.proposal, startupId: ids.startup, programmeId: ids.programme, programme, siteId: ids.site, reason: 'No slot before autumn.' },
  },
  'pilot.scheduled': {
    summary: 'Sent when an approved pilot gets its start and end dates.',
    example: { ...pilot, startsOn: '2030-05-02', endsOn: '2030-07-31' },
  },
  'pilot.started': {
    summary: 'Sent when a scheduled pilot starts on site.',
    example: { ...pilot, startedAt: '2030-05-02T09:00:00+09:00' },
  },
  'pilot.completed': {
    summary: 'Sent when the host reports a pilot finished, with its outcome, adoption and measured results.',
    example: {
      ...pilot,
      outcome: 'success',
      adoption: 'buy',
      contractValue: 150000,
      results: [{ criterion: 'Patients triaged per day', target: 120, measured: 134 }],
      completedAt: '2030-07-31T17:00:00+09:00',
    },
  },
  'pilot.cancelled': {
    summary: 'Sent when a pilot is cancelled before it completes, with the reason.',
    example: { ...pilot, reason: 'The host site closed for renovation.' },
  },
  'pilot.report_overdue': {
    summary: "Sent when a pilot's final report is late, then again when it is very late.",
    example: { ...pilot, endedOn: '2030-07-31', severity: 'overdue' },
  },
  'open_call.published': {
    summary: "Sent when a host publishes a need of one of its pilot sites as an open call for startups to answer; carries the site's programme when it has one.",
    example: {
      openCallId: ids.openCall,
      siteId: ids.site,
      hostOrgId: ids.hostOrg,
      programme,
      title: '야간 응급실 환자 분류 자동화',
      technologyFields: ['medtech', 'ai'],
      languages: ['ko', 'en'],
      city: 'Seoul',
      country: 'KR',
      windowStartsOn: '2030-05-01',
      windowEndsOn: '2030-07-31',
      pilotsSought: 2,
      answerDeadline: '2030-04-15T23:59:59Z',
      publishedAt: '2030-03-20T09:00:00Z',
    },
  },
  'open_call.answered': {
    summary: 'Sent when a startup answers an open call with its proposal (the text stays with the host).',
    example: { openCallId: ids.openCall, siteId: ids.site, hostOrgId: ids.hostOrg, programme, answerId: ids.openCallAnswer, startupId: ids.startup, answeredAt: '2030-03-28T11:20:00Z' },
  },
  'open_call.closed': {
    summary: 'Sent when an open call stops taking answers: closed by its host, or its answer deadline passed.',
    example: { openCallId: ids.openCall, siteId: ids.site, hostOrgId: ids.hostOrg, programme, reason: 'deadline', answers: 7, closedAt: '2030-04-15T23:59:59Z' },
  },
  'cohort.opened': {
    summary: 'Sent when an accelerator cohort opens, with its capacity and dates.',
    example: { ...cohort, name: 'Seoul spring 2030', hostCity: 'Seoul', capacity: 12, startsOn: '2030-09-01', endsOn: '2030-11-30' },
  },
  'cohort.offer_made': {
    summary: 'Sent when a startup is offered a place in a cohort, with its rank and the answer deadline.',
    example: { ...member, offerId: ids.offer, rank: 3, deadline: '2030-08-15T23:59:59Z' },
  },
  'cohort.offer_accepted': {
    summary: 'Sent when a startup accepts its cohort offer.',
    example: { ...member, offerId: ids.offer },
  },
  'cohort.offer_declined': {
    summary: 'Sent when a startup declines its cohort offer.',
    example: { ...member, offerId: ids.offer, reason: 'Dates clash with our product launch.' },
  },
  'cohort.offer_expired': {
    summary: 'Sent when a cohort offer passes its deadline unanswered.',
    example: { ...member, offerId: ids.offer, deadline: '2030-08-15T23:59:59Z' },
  },
  'cohort.waitlisted': {
    summary: "Sent when a startup is put on a cohort's waiting list, with its position.",
    example: { ...member, position: 2 },
  },
  'cohort.started': {
    summary: 'Sent when a cohort starts, with how many members it has.',
    example: { ...cohort, members: 12, startedAt: '2030-09-01T09:00:00+09:00' },
  },
  'cohort.graduated': {
    summary: 'Sent for each member when a cohort ends, saying whether it graduated.',
    example: { ...member, graduated: true, note: 'Demo day finalist.', hostOrgId: ids.organiser },
  },
  'pitch_day.results_published': {
    summary: "Sent when a cohort's selection by pitch day is committed: each group's ranked jury results, and the pitches not scored.",
    example: {
      ...cohort,
      pitchDayId: ids.pitchDay,
      agreementId: ids.agreement,
      perGroup: 3,
      publishedAt: '2030-08-01T17:00:00Z',
      groups: [
        {
          group: 'Pitch day A',
          sessionId: ids.pitchSession,
          maxScore: 10,
          minJurors: 2,
          results: [
            { startupId: ids.startup, rank: 1, pitchScore: 8.5, jurors: 3, placement: 'offer', notScoredReason: null },
            { startupId: ids.otherStartup, rank: null, pitchScore: null, jurors: 1, placement: 'not_scored', notScoredReason: 'below_quorum' },
          ],
        },
      ],
    },
  },
  'webhook.endpoint_disabled': {
    summary: 'Sent when a webhook endpoint is disabled because it answered 410 Gone or had no success for too long.',
    example: {
      endpointId: ids.endpoint,
      organisationId: ids.partner,
      url: 'https://partner.example/webhooks/exchange',
      reason: 'no_success',
      lastSuccessAt: '2030-03-01T12:00:00Z',
    },
  },
  'mission.published': {
    summary: 'Sent when an organiser opens a business mission to matchmaking: host city, meeting days and how many companies take part. Delivered to its organiser and partner organisations.',
    example: {
      mission,
      title: 'Korean medtech delegation to Moscow',
      hostCity: 'Moscow',
      country: 'RU',
      timeZone: 'Europe/Moscow',
      days: ['2030-05-12', '2030-05-13'],
      participants: 24,
      publishedAt: '2030-04-01T09:00:00Z',
    },
  },
  'mission.schedule_published': {
    summary: "Sent when a mission's accepted meetings are placed into its slots and rooms, with how many found a place.",
    example: { mission, requested: 180, placed: 176, unplaced: 4, scheduledAt: '2030-05-05T10:00:00Z' },
  },
  'mission.meeting_outcome_recorded': {
    summary: 'Sent when the outcome of a mission meeting is recorded; a proposed pilot names the draft application it opened.',
    example: {
      mission,
      meetingId: ids.missionMeeting,
      delegation: { participantId: ids.delegationParticipant, organisationId: null, startupId: ids.startup },
      local: { participantId: ids.localParticipant, organisationId: ids.hostOrg, startupId: null },
      outcome: 'pilot_proposed',
      note: 'Night triage pilot at the city hospital.',
      pilotApplication: { applicationId: ids.application, programmeId: ids.programme },
      recordedAt: '2030-05-12T16:30:00Z',
    },
  },
};
