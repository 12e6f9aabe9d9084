import { Injectable } from '@nestjs/common';
import type { Application, StatusReasonCode } from '@exchange/data';
import type { EntityManager } from 'typeorm';
import { nextState, statesAllowing, type ApplicationAction } from './application-state';
import { ApplicationError, ApplicationErrorCode } from './applications.errors';
import { ApplicationsRepository } from './applications.repository';

export interface TransitionOptions {
  actorPrincipalId: string | null;
  reason?: string | null;
  /** Why the system made the change, when no person gives a reason (worded in the reader's language). */
  reasonCode?: StatusReasonCode;
  /** The version the caller read; defaults to the one in `application` (read in this transaction). */
  expectedVersion?: number;
  /** Columns to set with the state (snake_case). */
  set?: Record<string, unknown>;
}

/**
 * Every state change of an application goes through here: the table of legal moves, the version
 * guard and the status history. Callers add the event to the outbox in the same transaction.
 */
@Injectable()
export class ApplicationLifecycle {
  constructor(private readonly repository: ApplicationsRepository) {}

  async transition(tx: EntityManager, application: Application, action: ApplicationAction, options: TransitionOptions): Promise<Application> {
    const to = nextState(application.state, action);
    if (!to) throw illegalTransition(application, action);
    const expectedVersion = options.expectedVersion ?? application.version;
    // The state change and its history entry in one statement: one round trip, and never one without the other.
    const updated = await this.repository.changeState(tx, application.id, { version: expectedVersion, from: statesAllowing(action) }, to, options.set, {
      fromState: application.state,
      reason: options.reason ?? null,
      reasonCode: options.reasonCode ?? null,
      actorPrincipalId: options.actorPrincipalId,
    });
    if (!updated) {
      const current = await this.repository.findById(application.id, tx);
      if (current && !nextState(current.state, action)) throw illegalTransition(current, action);
      throw new ApplicationError(
        ApplicationErrorCode.VersionConflict,
        `The application changed since version ${expectedVersion} (now version ${current?.version}, ${current?.state}): reload and decide again`,
        { currentState: current?.state, currentVersion: current?.version },
      );
    }
    return updated;
  }
}

export function illegalTransition(application: Application, action: ApplicationAction): ApplicationError {
  return new ApplicationError(
    ApplicationErrorCode.IllegalTransition,
    `Cannot ${action.replace('_', ' ')} an application that is ${application.state.replace('_', ' ')}`,
    { currentState: application.state, currentVersion: application.version, action },
  );
}
