import { Client } from 'pg';

/**
 * A throw-away schema with the same outbox and inbox tables as a service schema, plus an `effects`
 * table for handlers to write to (`txid`: the transaction that applied an event, for specs that count
 * them). Lets messaging tests run side by side without sharing a relay lock.
 */
export async function createScratchMessagingSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`
      CREATE SCHEMA "${schema}";
      CREATE TABLE "${schema}".outbox (
        id uuid PRIMARY KEY, seq bigserial NOT NULL UNIQUE, topic text NOT NULL, key text NOT NULL,
        type text NOT NULL, source text NOT NULL, subject text, time timestamptz NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}', payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(), published_at timestamptz,
        parked_at timestamptz, parked_error text);
      CREATE INDEX ON "${schema}".outbox (seq) WHERE published_at IS NULL AND parked_at IS NULL;
      CREATE INDEX ON "${schema}".outbox (seq) WHERE parked_at IS NOT NULL;
      CREATE TABLE "${schema}".inbox (
        consumer text NOT NULL, event_id uuid NOT NULL, topic text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (consumer, event_id));
      CREATE TABLE "${schema}".effects (
        id bigserial PRIMARY KEY, event_id uuid NOT NULL, key text NOT NULL, n int NOT NULL,
        txid bigint, applied_at timestamptz NOT NULL DEFAULT now());
      -- As a service schema's (migration OutboxQuietNotify): quiet where the writer wakes its relay itself.
      CREATE FUNCTION "${schema}".notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF current_setting('exchange.outbox_notify', true) IS DISTINCT FROM 'off' THEN
            PERFORM pg_notify('${schema}_outbox', '');
          END IF;
          RETURN NULL;
        END $$;
      CREATE TRIGGER outbox_notify AFTER INSERT ON "${schema}".outbox
        FOR EACH STATEMENT EXECUTE FUNCTION "${schema}".notify_outbox();
    `);
  } finally {
    await client.end();
  }
}

export async function dropScratchSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
