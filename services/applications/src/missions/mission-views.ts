import type { Mission, MissionMeeting, MissionParticipant } from '@exchange/data';
import type { Language } from '@exchange/platform';
import type { MeetingCompanyResponse, MeetingResponse, MeetingState, MissionResponse, ParticipantResponse } from './dto/mission.dto';
import { renderMeetingReason } from './meeting-reasons.messages';
import { slotAt, slotsPerDay } from './mission-slots';

export function missionView(m: Mission): MissionResponse {
  return {
    id: m.id,
    title: m.title,
    organiserOrganisationId: m.organiserOrganisationId,
    partnerOrganisationIds: m.partnerOrganisationIds,
    agreementId: m.agreementId,
    hostCity: m.hostCity,
    country: m.country,
    timeZone: m.timeZone,
    days: m.days,
    dayStartsAt: m.dayStartsAt,
    dayEndsAt: m.dayEndsAt,
    slotMinutes: m.slotMinutes,
    slotCount: slotsPerDay(m) * m.days.length,
    rooms: m.rooms,
    meetingsPerCompany: m.meetingsPerCompany,
    state: m.state,
    publishedAt: m.publishedAt ? m.publishedAt.toISOString() : null,
    scheduledAt: m.scheduledAt ? m.scheduledAt.toISOString() : null,
    version: m.version,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

export function participantView(p: MissionParticipant): ParticipantResponse {
  return {
    id: p.id,
    missionId: p.missionId,
    side: p.side,
    organisationId: p.organisationId,
    startupId: p.startupId,
    name: p.name,
    fields: p.fields,
    offers: p.offers,
    seeks: p.seeks,
    languages: p.languages,
    availability: p.availability,
    createdAt: p.createdAt.toISOString(),
  };
}

/** Accepted by both sides, declined by either, otherwise still proposed. */
export function meetingState(m: Pick<MissionMeeting, 'delegationAnswer' | 'localAnswer'>): MeetingState {
  if (m.delegationAnswer === 'declined' || m.localAnswer === 'declined') return 'declined';
  if (m.delegationAnswer === 'accepted' && m.localAnswer === 'accepted') return 'accepted';
  return 'proposed';
}

/** A meeting with its reasons in the reader's language. */
export function meetingView(mission: Mission, m: MissionMeeting, companies: ReadonlyMap<string, MissionParticipant>, language: Language): MeetingResponse {
  const company = (participantId: string, answer: string): MeetingCompanyResponse => {
    const p = companies.get(participantId);
    return { participantId, name: p?.name ?? '', organisationId: p?.organisationId ?? null, startupId: p?.startupId ?? null, answer };
  };
  const slot = m.slotIndex !== null ? slotAt(mission, m.slotIndex) : null;
  return {
    id: m.id,
    missionId: m.missionId,
    delegation: company(m.delegationParticipantId, m.delegationAnswer),
    local: company(m.localParticipantId, m.localAnswer),
    score: m.score,
    reasons: m.components.map((c) => ({ key: c.key, weight: c.weight, value: c.value, ...renderMeetingReason(c.reason, language) })),
    state: meetingState(m),
    slot:
      slot && m.room && m.startsAt && m.endsAt
        ? { index: m.slotIndex!, ...slot, startsAt: m.startsAt.toISOString(), endsAt: m.endsAt.toISOString(), room: m.room }
        : null,
    outcome: m.outcome
      ? { outcome: m.outcome, note: m.outcomeNote, recordedAt: m.outcomeRecordedAt!.toISOString(), pilotApplicationId: m.pilotApplicationId }
      : null,
    version: m.version,
    createdAt: m.createdAt.toISOString(),
  };
}
