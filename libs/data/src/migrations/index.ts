import { InitialModel1764000000000 } from './1764000000000-InitialModel';
import { NotificationsProgrammesAndRetryRounds1764400000000 } from './1764400000000-NotificationsProgrammesAndRetryRounds';

/** Every migration, oldest first. Add new migrations here (and never edit a merged one). */
export const MIGRATIONS = [InitialModel1764000000000, NotificationsProgrammesAndRetryRounds1764400000000];
