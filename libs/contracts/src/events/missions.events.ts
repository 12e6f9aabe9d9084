import { z } from 'zod';
import { CountryCode, IsoTime, Uuid, type EventKeyRules } from './common';

/**
 * Business missions (issue 18): a visiting delegation meets local companies one to one. Every event
 * names its mission and who runs it, so notifications delivers it to the organiser and the partner
 * organisations only, and the agreement it runs under, so its outcomes count in that agreement's
 * reciprocity report.
 */
export const MissionRef = z.object({
  id: Uuid,
  organiserOrgId: Uuid,
  partnerOrgIds: z.array(Uuid).max(20),
  /** The agreement (MOU) the mission runs under, when it names one (added in issue 18, part 3: absent in earlier events). */
  agreementId: Uuid.optional(),
});
export type MissionRef = z.infer<typeof MissionRef>;

const CalendarDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a calendar day, YYYY-MM-DD');

/** A company of a mission: exactly one of an organisation and a startup. */
const MissionCompany = z.object({
  participantId: Uuid,
  organisationId: Uuid.nullable(),
  startupId: Uuid.nullable(),
});

/** The organiser opened the mission to matchmaking and answers. */
export const MissionPublished = z.object({
  mission: MissionRef,
  title: z.string().min(1).max(300),
  hostCity: z.string().min(1).max(120),
  country: CountryCode,
  timeZone: z.string().min(1).max(64),
  days: z.array(CalendarDay).min(1).max(14),
  participants: z.number().int().min(0),
  publishedAt: IsoTime,
});

/** The scheduler placed the accepted meetings: how many of them found a slot and a room. */
export const MissionSchedulePublished = z.object({
  mission: MissionRef,
  requested: z.number().int().min(0),
  placed: z.number().int().min(0),
  unplaced: z.number().int().min(0),
  scheduledAt: IsoTime,
});

/** What came of one meeting; `pilotApplication` when a pilot was proposed and a draft application opened. */
export const MissionMeetingOutcomeRecorded = z.object({
  mission: MissionRef,
  meetingId: Uuid,
  delegation: MissionCompany,
  local: MissionCompany,
  outcome: z.enum(['follow_up', 'agreement_signed', 'pilot_proposed', 'none']),
  note: z.string().max(2000).nullable(),
  pilotApplication: z.object({ applicationId: Uuid, programmeId: Uuid }).nullable(),
  recordedAt: IsoTime,
});

export const missionEvents = {
  'mission.published': MissionPublished,
  'mission.schedule_published': MissionSchedulePublished,
  'mission.meeting_outcome_recorded': MissionMeetingOutcomeRecorded,
} as const;

const byMission = (data: { mission: MissionRef }) => data.mission.id;

/** Keyed by the mission: its publication, schedule and outcomes stay in order. */
export const missionEventKeys: EventKeyRules<typeof missionEvents> = {
  'mission.published': byMission,
  'mission.schedule_published': byMission,
  'mission.meeting_outcome_recorded': byMission,
};
