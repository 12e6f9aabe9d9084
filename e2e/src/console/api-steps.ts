/**
 * The journey's steps that are not the console's, over the API with the SDK as each party's own
 * system would take them: the startup registering and applying, the hospital's site, the Seoul
 * accelerator's programme and cohort. Bodies are the journey's (e2e/src/journey/bodies).
 */
import type { ExchangeSdk } from '@exchange/sdk';
import { waitFor } from '@exchange/platform/testing';
import * as body from '../journey/bodies';
import { createOnceKnown } from '../journey/create-once-known';
import type { Cast } from '../journey/cast';

/** Long enough for an event to cross Kafka into another service on a busy 2-core machine. */
const PROJECTION_TIMEOUT_MS = 60_000;

/** The Seoul accelerator publishes the programme its cohorts belong to. */
export async function publishAcceleratorProgramme(api: ExchangeSdk, cast: Cast): Promise<string> {
  const asManager = api.as(cast.accelerator.manager.key).applications;
  const created = await asManager.post('/v1/programmes', { body: body.acceleratorProgramme(cast.partnerAssociation.id) });
  await asManager.post('/v1/programmes/{id}/publish', { params: { path: { id: created.id } } });
  return created.id;
}

/** The hospital opens its emergency department to the pilot programme. */
export async function openHospitalSite(api: ExchangeSdk, cast: Cast, programmeId: string): Promise<{ id: string; name: string }> {
  const site = await createOnceKnown(
    () => api.as(cast.hospital.coordinator.key).pilots.post('/v1/pilot-sites', { body: body.pilotSite(programmeId) }),
    'PILOT_SITE.PROGRAMME_NOT_OPEN_TO_SITES',
    'the pilots service to learn the programme',
    PROJECTION_TIMEOUT_MS,
  );
  return { id: site.id, name: site.name };
}

export interface ApplyingStartup {
  startupId: string;
  /** The startup's own key, issued when it registered: it signs in to the console with it. */
  startupKey: string;
  name: string;
  applicationId: string;
}

/** 메디브릿지 registers (its profile already eligible), applies to the programme and submits. */
export async function startupApplies(api: ExchangeSdk, programmeId: string): Promise<ApplyingStartup> {
  const registration = { ...body.startupRegistration(), ...body.startupFixes };
  const registered = await api.as(null).applications.post('/v1/startups', { body: registration });
  const asStartup = api.as(registered.apiKey).applications;
  const application = await asStartup.post('/v1/applications', {
    body: { programmeId, answers: { pitch: 'AI triage that halves night-time waiting in emergency departments.' } },
  });
  await asStartup.post('/v1/applications/{id}/submit', { params: { path: { id: application.id } } });
  return { startupId: registered.startup.id, startupKey: registered.apiKey, name: registration.name, applicationId: application.id };
}

/**
 * The Seoul cohort opens; once the startup's successful pilot has reached the cohorts service (an
 * event), the selection is committed and offers it a place. Returns the offer's id.
 */
export async function offerCohortPlace(api: ExchangeSdk, cast: Cast, programmeId: string, startupId: string): Promise<{ cohortId: string; offerId: string }> {
  const asAccelerator = api.as(cast.accelerator.manager.key).cohorts;
  const cohort = await createOnceKnown(
    () => asAccelerator.post('/v1/cohorts', { body: body.seoulCohort(programmeId, cast.partnerAssociation.id) }),
    'COHORT.PROGRAMME_NOT_ORGANISED',
    'the cohorts service to learn the programme',
    PROJECTION_TIMEOUT_MS,
  );
  await waitFor(
    async () => (await asAccelerator.get('/v1/cohorts/{cohortId}/candidates', { params: { path: { cohortId: cohort.id } } })).items.some((c) => c.startupId === startupId),
    { timeoutMs: PROJECTION_TIMEOUT_MS, intervalMs: 200, what: 'the startup to become a candidate of the cohort' },
  );
  const selection = await asAccelerator.post('/v1/cohorts/{id}/selection/commit', { params: { path: { id: cohort.id } }, body: { version: cohort.version } });
  const offer = selection.offers.find((o) => o.startupId === startupId);
  if (!offer?.memberId) throw new Error(`the selection made the startup no offer: ${JSON.stringify(selection.offers)}`);
  return { cohortId: cohort.id, offerId: offer.memberId };
}
