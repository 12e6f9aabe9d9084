import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const KAFKA_SCRIPT = resolve(__dirname, '../../../../infra/kafka/kafka.sh');

/**
 * A broker of its own (own ports and storage, shared jars) for tests that stop and restart Kafka
 * without disturbing the tests that use the shared one.
 */
export class SecondBroker {
  readonly stateDir = mkdtempSync(join(tmpdir(), 'exchange-kafka-'));
  constructor(
    readonly port: number,
    readonly controllerPort: number,
  ) {}

  get brokers(): string[] {
    return [`127.0.0.1:${this.port}`];
  }

  private env() {
    return {
      ...process.env,
      KAFKA_STATE_DIR: this.stateDir,
      KAFKA_PORT: String(this.port),
      KAFKA_CONTROLLER_PORT: String(this.controllerPort),
      KAFKA_HEAP: '256m',
    };
  }

  async start(): Promise<void> {
    await run('bash', [KAFKA_SCRIPT, 'start'], { env: this.env(), timeout: 180_000 });
  }

  async stop(): Promise<void> {
    await run('bash', [KAFKA_SCRIPT, 'stop'], { env: this.env(), timeout: 90_000 });
  }

  /** Deletes the broker's storage (once stopped for good; a stop alone keeps it for a restart). */
  remove(): void {
    rmSync(this.stateDir, { recursive: true, force: true });
  }
}
