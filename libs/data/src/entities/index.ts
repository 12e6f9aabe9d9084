import {
  AlumniRecord,
  Application,
  ApplicationStatusChange,
  Certification,
  ConflictOfInterest,
  Programme,
  Review,
  ReviewAssignment,
  Startup,
  StartupRelation,
} from './applications';
import { Agreement, ExchangeFact } from './agreements';
import { ApplicationFlag, CertificationGradeScale } from './certification-bodies';
import { Cohort, CohortCandidate, CohortMember } from './cohorts';
import { PitchConflict, PitchDay, PitchJuror, PitchResult, PitchScore, PitchSession, PitchSlot, StartupCertification } from './pitch-days';
import { ApiKey, AuditLogEntry, IdempotencyKey, Organisation, Principal } from './identity';
import {
  ApplicationsInbox,
  ApplicationsOutbox,
  CohortsInbox,
  CohortsOutbox,
  NotificationsInbox,
  NotificationsOutbox,
  PilotsInbox,
  PilotsOutbox,
} from './messaging';
import { Delivery, DeliveryAttempt, MailMessage, MailOptOut, MailRecipientRecord, MailReminder, MailStartupName, NotificationEvent, WebhookEndpoint } from './notifications';
import { MatchProposal, Pilot, PilotCandidate, PilotFinalReport, PilotSite } from './pilots';
import { OpenCall, OpenCallAnswer } from './open-calls';
import { Mission, MissionMeeting, MissionParticipant } from './missions';

export * from './applications';
export * from './agreements';
export * from './certification-bodies';
export * from './cohorts';
export * from './pitch-days';
export * from './identity';
export * from './messaging';
export * from './notifications';
export * from './pilots';
export * from './open-calls';
export * from './missions';

/** Entities per owning schema. A service registers its own schema's entities plus identity's. */
export const ENTITIES_BY_SCHEMA = {
  identity: [Organisation, Principal, ApiKey, AuditLogEntry, IdempotencyKey],
  applications: [
    Startup,
    Certification,
    Programme,
    Application,
    ApplicationStatusChange,
    ReviewAssignment,
    Review,
    ConflictOfInterest,
    AlumniRecord,
    StartupRelation,
    Agreement,
    ExchangeFact,
    CertificationGradeScale,
    ApplicationFlag,
    Mission,
    MissionParticipant,
    MissionMeeting,
    ApplicationsOutbox,
    ApplicationsInbox,
  ],
  pilots: [PilotCandidate, PilotSite, MatchProposal, Pilot, PilotFinalReport, OpenCall, OpenCallAnswer, PilotsOutbox, PilotsInbox],
  cohorts: [CohortCandidate, Cohort, CohortMember, CohortsOutbox, CohortsInbox, PitchDay, PitchSession, PitchSlot, PitchJuror, PitchConflict, PitchScore, PitchResult, StartupCertification],
  notifications: [
    WebhookEndpoint,
    NotificationEvent,
    Delivery,
    DeliveryAttempt,
    MailRecipientRecord,
    MailStartupName,
    MailMessage,
    MailOptOut,
    MailReminder,
    NotificationsOutbox,
    NotificationsInbox,
  ],
} as const;

/** Every entity of the data model. */
export const ALL_ENTITIES = Object.values(ENTITIES_BY_SCHEMA).flat();
