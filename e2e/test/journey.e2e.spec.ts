import { Pool } from 'pg';
import { bootstrapAdmin } from '../src/journey/bootstrap-admin';
import { contractCheckedSdk } from '../src/journey/exchange-api';
import { runJourney, type Checkpoint, type JourneyResult } from '../src/journey/journey';
import { RecordingNarrator } from '../src/journey/narrator';
import { PartnerReceiver } from '../src/receiver/partner-receiver';
import { waitFor } from '@exchange/platform/testing';
import { ExchangeSystem, SERVICES, type ServiceName } from '../src/system/exchange-system';
import { checkCertification, checkJourneyEffects, checkJourneyLanguages, checkJourneyMail, checkReciprocity, JOURNEY_STARTUP_EVENTS, settle } from './journey-checks';
import { checkPublishedContracts } from './published-contracts';

/**
 * The whole exchange as an agency runs it: a Kafka broker and a database of its own, the four services
 * as real processes, two instances each, and the partner agency's receiver over real HTTP. The journey
 * goes over HTTP (and Kafka between the services) only.
 */
describe('the whole exchange, end to end', () => {
  let system: ExchangeSystem;
  let db: Pool;

  beforeAll(async () => {
    system = await ExchangeSystem.start({ instances: 2 });
    db = new Pool({ connectionString: system.databaseUrl, max: 2 });
  }, 300_000);

  afterAll(async () => {
    await db?.end();
    await system?.stop();
  }, 120_000);

  /** Successful answers the journeys got, each checked against its operation's declared schema. */
  const answersChecked = { checked: 0 };

  async function journey(at?: (checkpoint: Checkpoint) => Promise<void>, timeoutMs?: number) {
    const receiver = await new PartnerReceiver().start();
    // Every 2xx answer of the journey is checked against its operation's declared schema.
    const api = await contractCheckedSdk(system.allUrls(), answersChecked);
    const narrate = new RecordingNarrator();
    try {
      const admin = await bootstrapAdmin(api, system.databaseUrl);
      const result = await runJourney({ api, receiver, admin, narrate, at, timeoutMs });
      await settle(receiver);
      // The agreement's balance read again, as the liaison, once every delivery has settled: what the
      // journey read on its way may predate a late redelivery.
      const reciprocity = await api
        .as(result.cast.partnerAssociation.liaison.key)
        .applications.get('/v1/agreements/{id}/reciprocity', { params: { path: { id: result.agreementId } } });
      if (process.env.E2E_NARRATE) console.log(narrate.lines.join('\n'));
      return { result, receiver, narrate, reciprocity };
    } catch (err) {
      (err as Error).message += `\n--- journey so far ---\n${narrate.lines.join('\n')}`;
      throw err;
    } finally {
      await receiver.stop();
    }
  }

  function expectEveryEventDeliveredOnce(result: JourneyResult, receiver: PartnerReceiver) {
    expect(receiver.rejected).toEqual([]);
    // Every event of the journey about the startup, verified, kept once, in the order it happened.
    expect(receiver.forStartup(result.startupId).map((e) => e.type)).toEqual(result.expectedStartupEvents);
    const timestamps = receiver.forStartup(result.startupId).map((e) => Date.parse(e.timestamp));
    expect(timestamps).toEqual([...timestamps].sort((a, b) => a - b));
    for (const other of result.expectedOtherEvents) {
      expect(receiver.all().filter((e) => e.id === other.id)).toHaveLength(1);
    }
    // Nothing else reached the partner: no event of the journey twice under two ids.
    const journeyIds = new Set([...receiver.forStartup(result.startupId).map((e) => e.id), ...result.expectedOtherEvents.map((e) => e.id)]);
    expect(receiver.all().filter((e) => !journeyIds.has(e.id)).map((e) => e.type)).toEqual([]);
  }

  it('runs the journey with every webhook verified, de-duplicated and in order for the startup', async () => {
    const { result, receiver, reciprocity } = await journey();
    expect(result.expectedStartupEvents).toEqual(JOURNEY_STARTUP_EVENTS);
    // Setup, every step and every poll: well over fifty answers, none outside its declared schema.
    expect(answersChecked.checked).toBeGreaterThan(50);
    expectEveryEventDeliveredOnce(result, receiver);
    await checkJourneyEffects(db, result);
    // Every message on the topics keeps docs/asyncapi.yaml; every webhook keeps its `webhooks` entry.
    const checked = await checkPublishedContracts({ clientId: 'e2e-contracts', brokers: system.broker.brokers }, system.allUrls().notifications[0], receiver);
    expect(checked.webhooks).toBeGreaterThanOrEqual(JOURNEY_STARTUP_EVENTS.length);
    expect(checked.events).toBeGreaterThan(JOURNEY_STARTUP_EVENTS.length);
    await checkJourneyMail(db, system.mail, result);
    checkJourneyLanguages(result);
    checkCertification(result);
    checkReciprocity(reciprocity, result);
  }, 300_000);

  it('still delivers every event once, with no duplicated effect, when one instance of each service is killed and restarted mid-way', async () => {
    const down = new Map<ServiceName, number>();
    const crashes: string[] = [];
    /** Crashes (SIGKILL: no graceful shutdown) the instance whose outbox relay is the active one. */
    const crashActiveRelay = async (service: ServiceName) => {
      const active = await waitFor(() => system.activeRelay(service).then((i) => i ?? undefined), { what: `an active ${service} relay` });
      await system.kill(service, active);
      down.set(service, active);
      crashes.push(`${service} #${active}`);
    };
    const restartDown = () => Promise.all([...down].map(([service, index]) => system.restart(service, index))).then(() => down.clear());

    const { result, receiver, reciprocity } = await journey(async (checkpoint) => {
      // Right after the decision its events are in flight through every service (outbox, relay,
      // consumers, webhook queue): crash the active instance of each and carry on with the others.
      if (checkpoint === 'decided') for (const service of SERVICES) await crashActiveRelay(service);
      // Bring them back, then crash the instances that took over, so the restarted ones carry on.
      if (checkpoint === 'pilot-completed') {
        await restartDown();
        for (const service of SERVICES) await crashActiveRelay(service);
      }
      if (checkpoint === 'graduated') await restartDown();
      // A crashed consumer's partitions wait for its Kafka session to time out (30 s) before the
      // group hands them to a survivor: allow for that on top of a busy machine.
    }, 150_000);
    expect(crashes).toHaveLength(2 * SERVICES.length);
    expect(result.expectedStartupEvents).toEqual(JOURNEY_STARTUP_EVENTS);
    expectEveryEventDeliveredOnce(result, receiver);
    await checkJourneyEffects(db, result);
    // Events delivered twice across the crashes still count once in the agreement's balance.
    checkReciprocity(reciprocity, result);
  }, 600_000);
});
