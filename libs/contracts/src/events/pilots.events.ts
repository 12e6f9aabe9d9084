import { z } from 'zod';
import { IsoTime, ProgrammeRef, Uuid, type EventKeyRules } from './common';

/** `programmeId` stays beside `programme` for the consumers and webhook receivers that read it. */
const PilotBase = z.object({
  pilotId: Uuid,
  startupId: Uuid,
  programmeId: Uuid,
  programme: ProgrammeRef,
  siteId: Uuid,
  hostOrgId: Uuid,
});

export const ScoreComponents = z.object({
  fieldOverlap: z.number(),
  readinessFit: z.number(),
  languageOverlap: z.number(),
  capacityAndDates: z.number(),
  cityNeeds: z.number(),
  /** Present when the startup answered an open call of the site (a bonus on top of the others). */
  openCallAnswer: z.number().optional(),
});

/** A match reason as a stable code with the parameters its message renders (libs: match-reasons catalogue). */
export const CodedMatchReason = z.object({
  code: z.string().min(1).max(64),
  params: z.record(z.string().max(64), z.union([z.string().max(300), z.number(), z.null(), z.array(z.string().max(64)).max(20)])),
});

export const PilotMatchProposed = z.object({
  proposalId: Uuid,
  startupId: Uuid,
  programmeId: Uuid,
  programme: ProgrammeRef,
  siteId: Uuid,
  hostOrgId: Uuid,
  score: z.number(),
  components: ScoreComponents,
  /** The reasons in English. */
  reasons: z.array(z.string()),
  /** The same reasons as codes with parameters, in the same order (added later: absent on earlier events). */
  reasonCodes: z.array(CodedMatchReason).max(10).optional(),
});

export const SuccessCriterion = z.object({ name: z.string(), unit: z.string(), target: z.number() });

export const PilotApproved = PilotBase.extend({
  proposalId: Uuid,
  successCriteria: z.array(SuccessCriterion).min(1),
  durationDays: z.number().int().positive(),
  hostOwner: z.string(),
  approvedBy: Uuid,
});
export const PilotDeclined = z.object({
  proposalId: Uuid,
  startupId: Uuid,
  programmeId: Uuid,
  programme: ProgrammeRef,
  siteId: Uuid,
  reason: z.string(),
});
export const PilotScheduled = PilotBase.extend({ startsOn: z.iso.date(), endsOn: z.iso.date() });
export const PilotStarted = PilotBase.extend({ startedAt: IsoTime });
export const PilotCompleted = PilotBase.extend({
  outcome: z.enum(['success', 'partial', 'failure']),
  adoption: z.enum(['deploy', 'buy', 'extend', 'none']),
  contractValue: z.number().nonnegative().nullable(),
  results: z.array(z.object({ criterion: z.string(), target: z.number(), measured: z.number() })),
  completedAt: IsoTime,
});
export const PilotCancelled = PilotBase.extend({ reason: z.string() });
export const PilotReportOverdue = PilotBase.extend({
  endedOn: z.iso.date(),
  severity: z.enum(['overdue', 'very_late']),
});

export const pilotEvents = {
  'pilot.match_proposed': PilotMatchProposed,
  'pilot.approved': PilotApproved,
  'pilot.declined': PilotDeclined,
  'pilot.scheduled': PilotScheduled,
  'pilot.started': PilotStarted,
  'pilot.completed': PilotCompleted,
  'pilot.cancelled': PilotCancelled,
  'pilot.report_overdue': PilotReportOverdue,
} as const;

const byStartup = (data: { startupId: string }) => data.startupId;

/** Every pilot event is keyed by its startup: one startup's proposals and pilots stay in order. */
export const pilotEventKeys: EventKeyRules<typeof pilotEvents> = {
  'pilot.match_proposed': byStartup,
  'pilot.approved': byStartup,
  'pilot.declined': byStartup,
  'pilot.scheduled': byStartup,
  'pilot.started': byStartup,
  'pilot.completed': byStartup,
  'pilot.cancelled': byStartup,
  'pilot.report_overdue': byStartup,
};

/**
 * Open calls (a host site's need, published for startups to answer). An open call belongs to a site;
 * when it is published in one of the site's programmes it carries that `programme`, and the
 * programme's organiser and partner agencies are told; a call of a site in no programme reaches no
 * partner. Keyed by the call: its published, answered and closed events stay in order.
 */
const OpenCallBase = z.object({
  openCallId: Uuid,
  siteId: Uuid,
  hostOrgId: Uuid,
  programme: ProgrammeRef.optional(),
});

export const OpenCallPublished = OpenCallBase.extend({
  title: z.string().min(1).max(200),
  technologyFields: z.array(z.string().max(40)).min(1).max(20),
  languages: z.array(z.string().max(8)).max(10),
  city: z.string().min(1).max(200),
  country: z.string().regex(/^[A-Z]{2}$/),
  windowStartsOn: z.iso.date(),
  windowEndsOn: z.iso.date(),
  pilotsSought: z.number().int().min(1).max(1000),
  answerDeadline: IsoTime,
  publishedAt: IsoTime,
});
/** The proposal's text stays in the pilots service (the host reads it there): events stay small. */
export const OpenCallAnswered = OpenCallBase.extend({
  answerId: Uuid,
  startupId: Uuid,
  answeredAt: IsoTime,
});
export const OpenCallClosed = OpenCallBase.extend({
  reason: z.enum(['host', 'deadline']),
  answers: z.number().int().min(0),
  closedAt: IsoTime,
});

export const openCallEvents = {
  'open_call.published': OpenCallPublished,
  'open_call.answered': OpenCallAnswered,
  'open_call.closed': OpenCallClosed,
} as const;

const byOpenCall = (data: { openCallId: string }) => data.openCallId;

export const openCallEventKeys: EventKeyRules<typeof openCallEvents> = {
  'open_call.published': byOpenCall,
  'open_call.answered': byOpenCall,
  'open_call.closed': byOpenCall,
};
