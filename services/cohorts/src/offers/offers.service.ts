import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Cohort, CohortMember } from '@exchange/data';
import { OutboxWriter } from '@exchange/messaging';
import { decodeCursor, pageOf, type AuthenticatedPrincipal } from '@exchange/platform';
import { assertCanManage } from '../cohorts/cohort-access';
import { CohortError, CohortErrorCode } from '../cohorts/cohorts.errors';
import { CohortsRepository } from '../cohorts/cohorts.repository';
import type { ListMembersQueryDto, MemberDto, MemberPageDto } from '../cohorts/dto/member.dto';
import { MemberDto as MemberView } from '../cohorts/dto/member.dto';
import { cohortRef, memberRef } from '../members/member-events';
import { MEMBER_KEYSET, MembersRepository } from '../members/members.repository';
import { OfferError, OfferErrorCode, offerNotFound } from './offers.errors';
import { WaitlistPromotionService } from './waitlist-promotion.service';

/**
 * A startup's answers to its offers, drop-outs, and the expiry of unanswered offers. Every change
 * locks the cohort row first (then the member), so answers, promotions and the expiry sweep of one
 * cohort are serialised and capacity holds however many answers arrive at once.
 */
@Injectable()
export class OffersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cohorts: CohortsRepository,
    private readonly members: MembersRepository,
    private readonly promotion: WaitlistPromotionService,
    private readonly outbox: OutboxWriter,
  ) {}

  async list(principal: AuthenticatedPrincipal, query: ListMembersQueryDto): Promise<MemberPageDto> {
    const cursor = decodeCursor(MEMBER_KEYSET, query.cursor);
    const limit = query.limit ?? 20;
    const rows = await this.members.list({
      startupId: principal.startupId!,
      state: query.state,
      group: query.group,
      after: cursor,
      limit: limit + 1,
    });
    return pageOf(MEMBER_KEYSET, rows, limit, (m) => [m.groupKey, m.rank, m.id], MemberView.of);
  }

  async get(principal: AuthenticatedPrincipal, id: string): Promise<MemberDto> {
    return MemberView.of(await this.ownMember(principal, id));
  }

  async accept(principal: AuthenticatedPrincipal, id: string): Promise<MemberDto> {
    return this.onOwnOffer(principal, id, async (tx, cohort, member, now) => {
      this.assertAnswerable(cohort, member, now);
      // Accepting turns an open offer into a place, so the count of held places does not grow; the
      // check still guards the invariant (offers are never made beyond capacity) under the lock.
      if ((await this.members.countInState(tx, cohort.id, 'accepted')) >= cohort.capacity) {
        throw new OfferError(OfferErrorCode.CohortFull, 'the cohort is full', { capacity: cohort.capacity });
      }
      const accepted = await this.members.update(tx, member.id, { state: 'accepted', respondedAt: now });
      await this.outbox.add(tx, { type: 'cohort.offer_accepted', data: { ...memberRef(await cohortRef(tx, cohort), member), offerId: member.id } });
      return accepted;
    });
  }

  async decline(principal: AuthenticatedPrincipal, id: string, reason: string | null): Promise<MemberDto> {
    return this.onOwnOffer(principal, id, async (tx, cohort, member, now) => {
      this.assertAnswerable(cohort, member, now);
      const declined = await this.members.update(tx, member.id, { state: 'declined', respondedAt: now });
      await this.outbox.add(tx, {
        type: 'cohort.offer_declined',
        data: { ...memberRef(await cohortRef(tx, cohort), member), offerId: member.id, reason },
      });
      await this.promotion.promoteNext(tx, cohort, member.groupKey, now);
      return declined;
    });
  }

  /** The startup gives up a place it accepted. */
  async withdraw(principal: AuthenticatedPrincipal, id: string): Promise<MemberDto> {
    return this.onOwnOffer(principal, id, (tx, cohort, member, now) => this.dropOut(tx, cohort, member, now));
  }

  /** A programme manager records that an accepted startup dropped out. */
  async dropOutByManager(principal: AuthenticatedPrincipal, cohortId: string, memberId: string): Promise<MemberDto> {
    return this.dataSource.transaction(async (tx) => {
      const cohort = assertCanManage(await this.cohorts.lockById(tx, cohortId), principal, cohortId);
      const member = await this.members.lockById(tx, memberId);
      if (!member || member.cohortId !== cohort.id) throw new CohortError(CohortErrorCode.MemberNotFound, `member ${memberId} not found`);
      return MemberView.of(await this.dropOut(tx, cohort, member, new Date()));
    });
  }

  /**
   * Expires the cohort's open offers past their deadline and promotes in their place. Skips a cohort
   * another transaction holds (another instance's sweep, or an answer in flight): the next sweep
   * gets it. Returns how many offers expired.
   */
  async expireOffers(cohortId: string, now: Date): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const cohort = await this.cohorts.lockIfFree(tx, cohortId);
      if (!cohort) return 0;
      const expired = await this.members.expiredOffers(tx, cohort.id, now);
      if (expired.length === 0) return 0;
      const ref = await cohortRef(tx, cohort);
      for (const member of expired) {
        await this.members.update(tx, member.id, { state: 'expired' });
        await this.outbox.add(tx, {
          type: 'cohort.offer_expired',
          data: { ...memberRef(ref, member), offerId: member.id, deadline: member.offerDeadlineAt!.toISOString() },
        });
        await this.promotion.promoteNext(tx, cohort, member.groupKey, now);
      }
      return expired.length;
    });
  }

  private async dropOut(tx: EntityManager, cohort: Cohort, member: CohortMember, now: Date): Promise<CohortMember> {
    if (member.state !== 'accepted' || (cohort.state !== 'selecting' && cohort.state !== 'in_progress')) {
      throw new CohortError(CohortErrorCode.MemberNotDroppable, `a member in state ${member.state} of a cohort in state ${cohort.state} cannot drop out`, {
        currentState: member.state,
        cohortState: cohort.state,
      });
    }
    const dropped = await this.members.update(tx, member.id, { state: 'dropped_out', respondedAt: now });
    await this.promotion.promoteNext(tx, cohort, member.groupKey, now);
    return dropped;
  }

  private assertAnswerable(cohort: Cohort, member: CohortMember, now: Date): void {
    if (member.state !== 'offered') {
      throw new OfferError(OfferErrorCode.NotOpen, `the offer is ${member.state}`, { currentState: member.state });
    }
    if (cohort.state !== 'selecting' && cohort.state !== 'in_progress') {
      throw new OfferError(OfferErrorCode.CohortClosed, `the cohort is ${cohort.state}`, { cohortState: cohort.state });
    }
    if (member.offerDeadlineAt && member.offerDeadlineAt <= now) {
      throw new OfferError(OfferErrorCode.Expired, 'the offer has expired', { deadline: member.offerDeadlineAt.toISOString(), currentState: 'expired' });
    }
  }

  /** The startup's own member row (another startup's answers 404), changed under the cohort lock. */
  private async onOwnOffer(
    principal: AuthenticatedPrincipal,
    id: string,
    change: (tx: EntityManager, cohort: Cohort, member: CohortMember, now: Date) => Promise<CohortMember>,
  ): Promise<MemberDto> {
    const seen = await this.ownMember(principal, id);
    return this.dataSource.transaction(async (tx) => {
      const cohort = (await this.cohorts.lockById(tx, seen.cohortId))!;
      const member = (await this.members.lockById(tx, id))!;
      return MemberView.of(await change(tx, cohort, member, new Date()));
    });
  }

  private async ownMember(principal: AuthenticatedPrincipal, id: string): Promise<CohortMember> {
    const member = await this.members.findById(id);
    if (!member || member.startupId !== principal.startupId) throw offerNotFound(id);
    return member;
  }
}
