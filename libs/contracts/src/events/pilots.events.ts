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
  reasons: z.array(z.string()),
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
