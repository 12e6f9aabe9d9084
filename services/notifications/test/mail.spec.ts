import { randomUUID } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import { waitFor } from '@exchange/messaging/testing';
import { Clock } from '@exchange/platform';
import { bearer, createTestOrganisation, issueTestApiKey, SmtpInbox } from '@exchange/platform/testing';
import { DataSource } from 'typeorm';
import type { AnyEventEnvelope } from '@exchange/contracts';
import { MailComposer } from '../src/mail/mail-composer';
import { MailReminders } from '../src/mail/mail-reminders';
import { event, NotificationsHarness, programme as programmeRef, type TestProgramme } from './support/harness';

/** A clock the test moves: reminders fall due when the test says, not after a sleep. */
class TestClock extends Clock {
  at = new Date();
  now(): Date {
    return new Date(this.at);
  }
}

const HOUR = 3_600_000;

/** A header as it came over the wire (mailparser turns List-* headers into objects). */
const headerLine = (mail: ParsedMail, name: string) => mail.headerLines.find((h) => h.key === name)?.line;

/**
 * Mail to people, end to end: events on Kafka → the notifications service composes each person's mail
 * in their language → BullMQ → nodemailer → a real SMTP server (smtp-server), parsed with mailparser.
 */
describe('mail to people', () => {
  const inbox = new SmtpInbox();
  const clock = new TestClock();
  const env = () => ({
    SMTP_URL: inbox.url,
    MAIL_RETRY_BASE_MS: '100',
    MAIL_MAX_ATTEMPTS: '40',
    MAIL_SMTP_TIMEOUT_MS: '2000',
    // Reminders are swept by the test, at the test clock's time.
    MAIL_SWEEP_INTERVAL_MS: '3600000',
    MAIL_PUBLIC_URL: 'https://notifications.exchange.test',
  });
  let harness: NotificationsHarness;
  /** A second instance of the service, on the same database: reminders must still go out once. */
  let second: NotificationsHarness;

  beforeAll(async () => {
    await inbox.start();
    harness = await new NotificationsHarness(env(), [{ provide: Clock, useValue: clock }]).start();
    second = await new NotificationsHarness(env(), [{ provide: Clock, useValue: clock }]).start();
  }, 60_000);
  afterAll(async () => {
    await second?.stop();
    await harness?.stop();
    await inbox.stop();
  });

  /** A startup with one person, its names and a programme, all projected before the test goes on. */
  async function startupWithPerson(opts: { language: 'en' | 'ko' | 'ru'; timeZone: string; name: string; nameLatin: string }) {
    const startupId = randomUUID();
    const personId = randomUUID();
    const email = `founder-${personId.slice(0, 8)}@startup.test`;
    const organiser = await createTestOrganisation(harness.db, { kind: 'organising_agency' });
    const programme: TestProgramme = { ...programmeRef(organiser.id), kind: 'accelerator' };
    const now = new Date().toISOString();
    await harness.publish(
      event('person.registered', {
        person: { id: personId, role: 'startup', organisationId: null, startupId, displayName: opts.nameLatin, email, preferredLanguage: opts.language, timeZone: opts.timeZone, state: 'active' },
        at: now,
      }),
      event('startup.registered', {
        startup: { id: startupId, name: opts.name, nameLatin: opts.nameLatin, country: 'KR', technologyFields: ['medtech'], readinessLevel: 6, languages: ['ko'] },
        registeredAt: now,
      }),
      event('programme.published', {
        programme,
        name: '서울 헬스케어 액셀러레이터',
        nameLatin: 'Seoul Healthcare Accelerator',
        hostCountry: 'KR',
        hostCity: 'Seoul',
        opensAt: now,
        closesAt: new Date(Date.now() + 30 * 24 * HOUR).toISOString(),
        publishedAt: now,
      }),
    );
    await waitFor(
      async () => {
        const [row] = await harness.db.query(
          `SELECT (SELECT count(*) FROM notifications.people WHERE id = $1) + (SELECT count(*) FROM notifications.startups WHERE id = $2)
                + (SELECT count(*) FROM notifications.programmes WHERE id = $3 AND name IS NOT NULL) AS n`,
          [personId, startupId, programme.id],
        );
        return Number(row.n) === 3;
      },
      { what: 'the person, the startup and the programme projected' },
    );
    return { startupId, personId, email, programme };
  }

  const submitted = (p: TestProgramme, startupId: string, at = '2030-03-25T01:30:00.000Z') =>
    event('application.submitted', { applicationId: randomUUID(), startupId, programme: p, submittedAt: at });

  async function messagesOf(causeId: string) {
    return harness.db.query(`SELECT * FROM notifications.mail_messages WHERE cause_id = $1 ORDER BY created_at`, [causeId]);
  }

  /** Waits until the consumer has handled the event (fan-out records every event it handles). */
  async function handled(eventId: string) {
    await waitFor(async () => (await harness.db.query(`SELECT 1 FROM notifications.events WHERE id = $1`, [eventId])).length === 1, { what: `event ${eventId} handled` });
  }

  const mailTo = (email: string, count = 1) => waitFor(() => (inbox.to(email).length >= count ? inbox.to(email) : undefined), { what: `${count} mail to ${email}`, timeoutMs: 20_000 });

  it("tells a startup of its submission in its language, names native with Latin, the date in its time zone, and nothing of another tenant's", async () => {
    const ours = await startupWithPerson({ language: 'ko', timeZone: 'Asia/Seoul', name: '서울바이오', nameLatin: 'Seoul Bio' });
    const theirs = await startupWithPerson({ language: 'ru', timeZone: 'Europe/Moscow', name: 'Вектор', nameLatin: 'Vektor' });
    const mine = submitted(ours.programme, ours.startupId);
    const other = submitted(theirs.programme, theirs.startupId);
    await harness.publish(mine, other);

    const [mail] = await mailTo(ours.email);
    expect(mail.subject).toMatch(/[\uac00-\ud7a3]/);
    expect(mail.headers.get('content-language')).toBe('ko');
    expect(mail.text).toContain('서울바이오 (Seoul Bio)');
    expect(mail.text).toContain('서울 헬스케어 액셀러레이터 (Seoul Healthcare Accelerator)');
    // 01:30 UTC is 10:30 in Seoul.
    expect(mail.text).toMatch(/10:30/);
    expect(mail.html).toContain('서울바이오 (Seoul Bio)');
    // Nothing of the other startup reaches this one, nor of this one the other.
    expect(`${mail.subject} ${mail.text} ${mail.html}`).not.toMatch(/Вектор|Vektor/);
    const [theirMail] = await mailTo(theirs.email);
    expect(theirMail.subject).toMatch(/[\u0400-\u04ff]/);
    expect(`${theirMail.text} ${theirMail.html}`).not.toMatch(/서울바이오|Seoul Bio/);
    expect(theirMail.text).toMatch(/04:30/); // Moscow is UTC+3
    expect(inbox.to(ours.email)).toHaveLength(1);
  });

  it('carries a working unsubscribe link: the page asks, the one-click POST stops that category, and security notices still come', async () => {
    const ours = await startupWithPerson({ language: 'ru', timeZone: 'Europe/Moscow', name: 'Вектор', nameLatin: 'Vektor' });
    const first = submitted(ours.programme, ours.startupId);
    await harness.publish(first);
    const [mail] = await mailTo(ours.email);
    const header = headerLine(mail, 'list-unsubscribe');
    const link = /https:\/\/notifications\.exchange\.test(\/v1\/mail\/unsubscribe\?token=[^>"\s]+)/.exec(header ?? '')?.[1];
    expect(link).toBeDefined();
    expect(headerLine(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(mail.text).toContain(`https://notifications.exchange.test${link}`);

    const page = await fetch(`${harness.service.url}${link}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toMatch(/Отписаться/);
    // Opening the page changes nothing.
    expect(await harness.db.query(`SELECT 1 FROM notifications.mail_opt_outs WHERE person_id = $1`, [ours.personId])).toHaveLength(0);

    const tampered = link!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const refused = await fetch(`${harness.service.url}${tampered}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(refused.status).toBe(404);
    expect(await harness.db.query(`SELECT 1 FROM notifications.mail_opt_outs WHERE person_id = $1`, [ours.personId])).toHaveLength(0);

    const oneClick = await fetch(`${harness.service.url}${link}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(oneClick.status).toBe(200);
    expect(await harness.db.query(`SELECT category FROM notifications.mail_opt_outs WHERE person_id = $1`, [ours.personId])).toEqual([{ category: 'applications' }]);

    const second = submitted(ours.programme, ours.startupId);
    await harness.publish(second);
    await handled(second.id);
    expect(await messagesOf(second.id)).toHaveLength(0);
    expect(inbox.to(ours.email)).toHaveLength(1);
  });

  it('mails an endpoint being disabled to every admin and partner liaison of the organisation, with no unsubscribe link, opted out or not', async () => {
    const org = await createTestOrganisation(harness.db, { kind: 'partner_agency' });
    const people = [
      { id: randomUUID(), role: 'admin' as const, email: `admin-${randomUUID().slice(0, 8)}@agency.test` },
      { id: randomUUID(), role: 'partner_agency' as const, email: `liaison-${randomUUID().slice(0, 8)}@agency.test` },
      { id: randomUUID(), role: 'reviewer' as const, email: `reviewer-${randomUUID().slice(0, 8)}@agency.test` },
    ];
    const now = new Date().toISOString();
    await harness.publish(
      ...people.map((p) =>
        event('person.registered', {
          person: { id: p.id, role: p.role, organisationId: org.id, startupId: null, displayName: p.role, email: p.email, preferredLanguage: 'en', timeZone: null, state: 'active' },
          at: now,
        }),
      ),
    );
    await waitFor(async () => Number((await harness.db.query(`SELECT count(*) AS n FROM notifications.people WHERE organisation_id = $1`, [org.id]))[0].n) === 3, { what: 'people projected' });
    await harness.db.query(`INSERT INTO notifications.mail_opt_outs (person_id, category) VALUES ($1, 'applications'), ($1, 'pilots')`, [people[0].id]);
    const disabled = event('webhook.endpoint_disabled', { endpointId: randomUUID(), organisationId: org.id, url: 'https://crm.agency.test/hooks', reason: 'gone', lastSuccessAt: null });
    await harness.publish(disabled);

    const [adminMail] = await mailTo(people[0].email);
    const [liaisonMail] = await mailTo(people[1].email);
    for (const mail of [adminMail, liaisonMail]) {
      expect(mail.text).toContain('https://crm.agency.test/hooks');
      expect(headerLine(mail, 'list-unsubscribe')).toBeUndefined();
    }
    expect(inbox.to(people[2].email)).toHaveLength(0);
    expect((await messagesOf(disabled.id)).map((m: { recipient_id: string }) => m.recipient_id).sort()).toEqual([people[0].id, people[1].id].sort());

    // The admin reads the organisation's mail log; an admin of another organisation sees none of it.
    const admin = await issueTestApiKey(harness.db, { role: 'admin', organisationId: org.id });
    const log = await fetch(`${harness.service.url}/v1/mail-messages?kind=webhook.endpoint_disabled`, { headers: bearer(admin) });
    expect(log.status).toBe(200);
    const page = (await log.json()) as { items: Array<{ toAddress: string; state: string }> };
    await waitFor(async () => (await messagesOf(disabled.id)).every((m: { state: string }) => m.state === 'sent'), { what: 'both sent' });
    expect(page.items.map((i) => i.toAddress).sort()).toEqual([people[0].email, people[1].email].sort());
    const stranger = await issueTestApiKey(harness.db, { role: 'admin', organisationId: (await createTestOrganisation(harness.db, { kind: 'partner_agency' })).id });
    const theirs = (await (await fetch(`${harness.service.url}/v1/mail-messages`, { headers: bearer(stranger) })).json()) as { items: unknown[] };
    expect(theirs.items).toEqual([]);
    const foreignFilter = await fetch(`${harness.service.url}/v1/mail-messages?recipientId=${people[0].id}`, { headers: bearer(stranger) });
    expect(foreignFilter.status).toBe(422);
  });

  it('sends one message per event and recipient however often the event is consumed', async () => {
    const ours = await startupWithPerson({ language: 'en', timeZone: 'UTC', name: 'Aurora Mobility', nameLatin: 'Aurora Mobility' });
    const once = submitted(ours.programme, ours.startupId);
    await harness.publish(once);
    await mailTo(ours.email);
    // The same event again (a redelivery), to this instance and to the second one...
    await harness.publish(once);
    await second.publish(once);
    // ...and composed again past the inbox, as a consumer that lost its inbox row would: nothing new.
    const again = await harness.service.app.get(DataSource).transaction((tx) => harness.get(MailComposer).onEvent(once as AnyEventEnvelope, tx));
    expect(again).toEqual([]);
    const marker = submitted(ours.programme, ours.startupId);
    await harness.publish(marker);
    await mailTo(ours.email, 2);
    expect(await messagesOf(once.id)).toHaveLength(1);
    expect(inbox.to(ours.email)).toHaveLength(2);
  });

  it('records a 550 as failed at once and never asks the server again', async () => {
    const ours = await startupWithPerson({ language: 'en', timeZone: 'UTC', name: 'Nowhere Labs', nameLatin: 'Nowhere Labs' });
    inbox.refuse(ours.email);
    const refused = submitted(ours.programme, ours.startupId);
    await harness.publish(refused);
    const [message] = await waitFor(async () => {
      const rows = await messagesOf(refused.id);
      return rows[0]?.state === 'failed' ? rows : undefined;
    }, { what: 'the message failed' });
    expect(message.attempt_count).toBe(1);
    expect(message.last_error).toMatch(/550|No such mailbox/);
    // Retries are 100 ms apart here: half a second more would have seen several.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(inbox.recipientsAsked.filter((a) => a === ours.email)).toHaveLength(1);
  });

  it('keeps mail while the SMTP server is down and sends it when it is back', async () => {
    const ours = await startupWithPerson({ language: 'en', timeZone: 'UTC', name: 'Patient Co', nameLatin: 'Patient Co' });
    await inbox.stop();
    try {
      const waiting = submitted(ours.programme, ours.startupId);
      await harness.publish(waiting);
      await waitFor(async () => {
        const [row] = await messagesOf(waiting.id);
        return row && row.state === 'pending' && row.attempt_count >= 2 ? row : undefined;
      }, { what: 'failed attempts while the server is down' });
    } finally {
      await inbox.start();
    }
    const [mail] = await mailTo(ours.email);
    expect(mail.subject).toBeTruthy();
  });

  it("reminds a startup once, 24 hours before its offer expires, whichever instance sweeps, by the test's clock", async () => {
    const ours = await startupWithPerson({ language: 'ko', timeZone: 'Asia/Seoul', name: '한빛로보틱스', nameLatin: 'Hanbit Robotics' });
    const start = Date.now();
    clock.at = new Date(start);
    const deadline = new Date(start + 72 * HOUR).toISOString();
    const offer = event('cohort.offer_made', {
      cohortId: randomUUID(),
      programmeId: ours.programme.id,
      programme: ours.programme,
      startupId: ours.startupId,
      group: 'KR',
      offerId: randomUUID(),
      rank: 1,
      deadline,
    });
    await harness.publish(offer);
    await mailTo(ours.email); // the offer itself
    const reminders = [harness.get(MailReminders), second.get(MailReminders)];
    // The sweeps see the whole shared table; what this test owns is its offer's reminder and its mail.
    const reminderOf = async () => ({
      state: (await harness.db.query(`SELECT state FROM notifications.mail_reminders WHERE subject_id = $1`, [offer.data.offerId]))[0]?.state,
      mails: (await harness.db.query(`SELECT 1 FROM notifications.mail_messages WHERE kind = 'cohort.offer_reminder' AND startup_id = $1`, [ours.startupId])).length,
    });

    clock.at = new Date(start + 47 * HOUR); // 25 h before the deadline: not yet
    await Promise.all(reminders.map((r) => r.sendDue()));
    expect(await reminderOf()).toEqual({ state: 'pending', mails: 0 });

    clock.at = new Date(start + 48 * HOUR + 60_000); // 23 h 59 min before it, both instances sweeping at once
    await Promise.all(reminders.map((r) => r.sendDue()));
    expect(await reminderOf()).toEqual({ state: 'sent', mails: 1 });
    const mails = await mailTo(ours.email, 2);
    const reminder = mails.find((m: ParsedMail) => headerLine(m, 'x-exchange-mail-kind') === 'X-Exchange-Mail-Kind: cohort.offer_reminder');
    expect(reminder?.text).toContain('한빛로보틱스 (Hanbit Robotics)');

    clock.at = new Date(start + 71 * HOUR);
    await Promise.all(reminders.map((r) => r.sendDue()));
    expect(await reminderOf()).toEqual({ state: 'sent', mails: 1 });
    expect(inbox.to(ours.email)).toHaveLength(2);
  });

  it('does not remind of an offer already answered', async () => {
    const ours = await startupWithPerson({ language: 'en', timeZone: 'UTC', name: 'Quick Reply', nameLatin: 'Quick Reply' });
    const start = Date.now();
    const offerId = randomUUID();
    const cohortId = randomUUID();
    const base = { cohortId, programmeId: ours.programme.id, programme: ours.programme, startupId: ours.startupId, group: 'KR', offerId };
    await harness.publish(event('cohort.offer_made', { ...base, rank: 1, deadline: new Date(start + 72 * HOUR).toISOString() }), event('cohort.offer_accepted', base));
    await waitFor(async () => (await harness.db.query(`SELECT state FROM notifications.mail_reminders WHERE subject_id = $1`, [offerId]))[0]?.state === 'cancelled', {
      what: 'the reminder cancelled',
    });
    clock.at = new Date(start + 60 * HOUR);
    await harness.get(MailReminders).sendDue();
    expect(await harness.db.query(`SELECT 1 FROM notifications.mail_messages WHERE kind = 'cohort.offer_reminder' AND startup_id = $1`, [ours.startupId])).toHaveLength(0);
  });

  it("tells an organisation's admins and liaisons before a rotated secret stops signing, once, and again after another rotation", async () => {
    const org = await createTestOrganisation(harness.db, { kind: 'partner_agency' });
    const adminId = randomUUID();
    const adminEmail = `admin-${adminId.slice(0, 8)}@agency.test`;
    await harness.publish(
      event('person.registered', {
        person: { id: adminId, role: 'admin', organisationId: org.id, startupId: null, displayName: 'Admin', email: adminEmail, preferredLanguage: 'ko', timeZone: 'Asia/Seoul', state: 'active' },
        at: new Date().toISOString(),
      }),
    );
    await waitFor(async () => (await harness.db.query(`SELECT 1 FROM notifications.people WHERE id = $1`, [adminId])).length === 1, { what: 'the admin projected' });
    const key = await issueTestApiKey(harness.db, { role: 'admin', organisationId: org.id });
    const endpoint = await harness.endpoint(key, 'https://8.8.8.8/hooks', ['pilot.*']);
    const rotate = async () => {
      const res = await harness.call<{ previousSecretExpiresAt: string }>('POST', `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, key, { overlapSeconds: 7 * 24 * 3600 });
      expect(res.status).toBe(200);
      return Date.parse(res.body.previousSecretExpiresAt);
    };
    const endsAt = await rotate();
    const [reminder] = await harness.db.query(`SELECT due_at, state FROM notifications.mail_reminders WHERE subject_id = $1`, [endpoint.id]);
    expect(reminder.state).toBe('pending');
    expect(endsAt - new Date(reminder.due_at).getTime()).toBe(24 * HOUR);

    clock.at = new Date(endsAt - 23 * HOUR);
    await harness.get(MailReminders).sendDue();
    const [mail] = await mailTo(adminEmail);
    expect(headerLine(mail, 'x-exchange-mail-kind')).toBe('X-Exchange-Mail-Kind: webhook.rotation_ending');
    expect(mail.text).toContain('https://8.8.8.8/hooks');
    expect(mail.subject).toMatch(/[\uac00-\ud7a3]/);
    expect(headerLine(mail, 'list-unsubscribe')).toBeUndefined();

    // Rotated again: a new reminder for the new overlap, whose mail is a new message.
    const laterEnd = await rotate();
    clock.at = new Date(laterEnd - 23 * HOUR);
    await harness.get(MailReminders).sendDue();
    await mailTo(adminEmail, 2);
    expect(await harness.db.query(`SELECT state FROM notifications.mail_reminders WHERE subject_id = $1`, [endpoint.id])).toEqual([{ state: 'sent' }]);
  });
});
