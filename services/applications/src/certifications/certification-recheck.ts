import {
  certificationRuleFailure,
  type CertificationBodyFacts,
  type EligibilityCertification,
  type EligibilityFailure,
  type EligibilityProgramme,
} from '../applications/eligibility';

/** A certificate with its id, as the re-check handles it. */
export type RecheckCertification = EligibilityCertification & { id: string };

/**
 * Did an open application rely on the certificates that just stopped counting? It did when the
 * programme's certification rule is met with them (`before`) and fails without them (`after`): the
 * failure it now meets is what its managers are told. A startup with another certificate that still
 * meets the rule did not rely on the one that ended, and is left alone; so is an application that
 * entered on the alumni fast track (the rule was waived), which the caller leaves out.
 */
export function failureAfterEnd(
  programme: EligibilityProgramme,
  before: readonly RecheckCertification[],
  after: readonly RecheckCertification[],
  bodies: ReadonlyMap<string, CertificationBodyFacts>,
): EligibilityFailure | null {
  if (certificationRuleFailure(programme, before, bodies) !== null) return null;
  return certificationRuleFailure(programme, after, bodies);
}

/**
 * The startup's certificates as they were relied on before `certificationId` was revoked, and as they
 * are. As on expiry, the revoked one is taken as it was relied on, not at its last validity: a renewal
 * that shortened it to end before a programme closes must not hide the application that relied on it.
 */
export function aroundRevocation(all: readonly RecheckCertification[], certificationId: string) {
  return { before: all.map((c) => (c.id === certificationId ? { ...c, revokedAt: null, validUntil: null } : c)), after: all };
}

/**
 * The startup's certificates as they were relied on before `certificationId` ended (as if it had not),
 * and as they are now, without every certificate whose validity has ended by `now`. The ended one is
 * taken as it was relied on, not at its last validity: a renewal may have shortened it since.
 */
export function aroundExpiry(all: readonly RecheckCertification[], certificationId: string, now: Date) {
  return {
    before: all.map((c) => (c.id === certificationId ? { ...c, validUntil: null } : c)),
    after: all.filter((c) => c.validUntil === null || c.validUntil > now),
  };
}
