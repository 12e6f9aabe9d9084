import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData } from '@exchange/contracts';
import { projectProgramme } from '@exchange/data';
import { CandidatesRepository, type CandidateProfile } from './candidates.repository';

/**
 * Keeps the candidates that cohort selection needs, from events only (no calls to other services):
 * - an accepted application of an accelerator programme is a candidate of that programme, with its score;
 * - an accepted application of a pilot programme records the startup's profile on its pilot-derived row;
 * - a completed pilot is recorded on every row of the startup, once per pilot; a successful one makes
 *   the pilot-derived row selectable (created if the startup had no row at all).
 */
@Injectable()
export class CandidatesService {
  constructor(private readonly candidates: CandidatesRepository) {}

  async applyApplicationAccepted(tx: EntityManager, data: EventData<'application.accepted'>): Promise<void> {
    const { programme, startup } = data;
    const profile: CandidateProfile = {
      startupId: data.startupId,
      name: startup.name,
      nameLatin: startup.nameLatin,
      country: startup.country,
      technologyFields: startup.technologyFields,
      trl: startup.readinessLevel,
    };
    const programmeOrgIds = [...new Set([programme.organiserOrgId, ...programme.partnerOrgIds])].sort();
    // An accepted application proves the programme was published, whichever event arrives first.
    await projectProgramme(tx, 'cohorts', programme, 'published', null);
    await this.candidates.refreshProfile(tx, profile);
    if (programme.kind === 'accelerator') {
      await this.candidates.upsertApplicationCandidate(tx, {
        ...profile,
        programmeId: programme.id,
        applicationId: data.applicationId,
        score: data.score,
        programmeOrgIds,
        acceptedAt: data.decidedAt,
      });
    } else {
      await this.candidates.upsertPilotProfile(tx, { ...profile, programmeOrgIds, acceptedAt: data.decidedAt });
    }
  }

  async applyPilotCompleted(tx: EntityManager, data: EventData<'pilot.completed'>): Promise<void> {
    if (data.outcome === 'success') await this.candidates.ensurePilotCandidate(tx, data.startupId, data.completedAt);
    await this.candidates.addPilotOutcome(
      tx,
      data.startupId,
      { pilotId: data.pilotId, programmeId: data.programmeId, outcome: data.outcome, adoption: data.adoption, completedAt: data.completedAt },
      data.hostOrgId,
    );
  }
}
