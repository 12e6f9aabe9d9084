import { InitialModel1764000000000 } from './1764000000000-InitialModel';
import { NotificationsProgrammesAndRetryRounds1764400000000 } from './1764400000000-NotificationsProgrammesAndRetryRounds';
import { ProgrammeProjections1764810000000 } from './1764810000000-ProgrammeProjections';
import { OutboxParking1765100000000 } from './1765100000000-OutboxParking';
import { WebhookSecretsSealed1765230000000 } from './1765230000000-WebhookSecretsSealed';
import { StartupRelations1765310000000 } from './1765310000000-StartupRelations';
import { PrincipalTimeZone1765420000000 } from './1765420000000-PrincipalTimeZone';
import { MailToPeople1765500000000 } from './1765500000000-MailToPeople';
import { CertificationBodies1765600000000 } from './1765600000000-CertificationBodies';
import { OpenCalls1765610000000 } from './1765610000000-OpenCalls';
import { Agreements1765620000000 } from './1765620000000-Agreements';
import { PitchDays1765700000000 } from './1765700000000-PitchDays';
import { Missions1765710000000 } from './1765710000000-Missions';
import { ReciprocityMissionsPitchDays1765720000000 } from './1765720000000-ReciprocityMissionsPitchDays';
import { MissionMeetingsPerCompany1765730000000 } from './1765730000000-MissionMeetingsPerCompany';
import { PitchDayAgreementsAndConflicts1765740000000 } from './1765740000000-PitchDayAgreementsAndConflicts';
import { StatusReasonCodes1765750000000 } from './1765750000000-StatusReasonCodes';
import { OutboxQuietNotify1765760000000 } from './1765760000000-OutboxQuietNotify';

/** Every migration, oldest first. Add new migrations here (and never edit a merged one). */
export const MIGRATIONS = [InitialModel1764000000000, NotificationsProgrammesAndRetryRounds1764400000000, ProgrammeProjections1764810000000, OutboxParking1765100000000, WebhookSecretsSealed1765230000000, StartupRelations1765310000000, PrincipalTimeZone1765420000000, MailToPeople1765500000000, CertificationBodies1765600000000, OpenCalls1765610000000, Agreements1765620000000, PitchDays1765700000000, Missions1765710000000, ReciprocityMissionsPitchDays1765720000000, MissionMeetingsPerCompany1765730000000, PitchDayAgreementsAndConflicts1765740000000, StatusReasonCodes1765750000000, OutboxQuietNotify1765760000000];
