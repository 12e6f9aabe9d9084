import type { Application, ApplicationStatusChange } from '@exchange/data';
import type { Language } from '@exchange/platform';
import { statusReasonWords, statusWords, type StatusReader } from './application-state';
import type { ApplicationResponse, StatusChangeResponse } from './dto/application.dto';

const DECIDED = new Set(['accepted', 'rejected', 'waitlisted']);

/** `staff`: the programme's organiser and partners, who also see the score; `status` is in the reader's `language`. */
export function applicationView(a: Application, staff: boolean, language: Language): ApplicationResponse {
  return {
    id: a.id,
    programmeId: a.programmeId,
    startupId: a.startupId,
    state: a.state,
    status: statusWords(a.state, language, staff ? 'staff' : 'startup'),
    answers: a.answers,
    submittedAt: a.submittedAt?.toISOString() ?? null,
    withdrawnAt: a.withdrawnAt?.toISOString() ?? null,
    decision:
      DECIDED.has(a.state) && a.decidedAt ? { outcome: a.state, reason: a.decisionReason ?? '', decidedAt: a.decidedAt.toISOString() } : null,
    fastTrack: a.fastTrack,
    ...(staff ? { score: a.score, reviewsCompleted: a.reviewsCompleted } : {}),
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

export function statusChangeView(h: ApplicationStatusChange, language: Language, reader: StatusReader): StatusChangeResponse {
  return {
    from: h.fromState,
    to: h.toState,
    status: statusWords(h.toState, language, reader),
    reason: h.reasonCode ? statusReasonWords(h.reasonCode, language) : h.reason,
    reasonCode: h.reasonCode,
    at: h.at.toISOString(),
  };
}
