import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Cohort, CohortMember } from '@exchange/data';
import { OutboxWriter } from '@exchange/messaging';
import { cohortRef, memberRef, offerDeadline } from '../members/member-events';
import { MembersRepository } from '../members/members.repository';

/**
 * Fills a place freed in a group (a decline, an expired offer, a drop-out) with the group's next
 * waitlisted startup, in the same transaction as the change that freed it. The caller holds the
 * cohort row lock, so two freed places never promote the same startup and capacity (open offers +
 * accepted places) and the group quota are checked against a stable count: exactly one promotion
 * per freed place, and none when the place is not free after all.
 */
@Injectable()
export class WaitlistPromotionService {
  constructor(
    private readonly members: MembersRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async promoteNext(tx: EntityManager, cohort: Cohort, groupKey: string, now: Date): Promise<CohortMember | null> {
    if (cohort.state !== 'selecting' && cohort.state !== 'in_progress') return null;
    const deadline = offerDeadline(cohort, now);
    if (deadline <= now) return null; // the cohort's offer deadline has passed: nobody could answer
    const { total, inGroup } = await this.members.occupied(tx, cohort.id, groupKey);
    if (total >= cohort.capacity) return null;
    if (cohort.selectionRule.perGroup !== undefined && inGroup >= cohort.selectionRule.perGroup) return null;
    const next = await this.members.nextWaitlisted(tx, cohort.id, groupKey);
    if (!next) return null;
    const offered = await this.members.update(tx, next.id, { state: 'offered', offeredAt: now, offerDeadlineAt: deadline });
    await this.outbox.add(tx, {
      type: 'cohort.offer_made',
      data: { ...memberRef(await cohortRef(tx, cohort), offered), offerId: offered.id, rank: offered.rank, deadline: deadline.toISOString() },
    });
    return offered;
  }
}
