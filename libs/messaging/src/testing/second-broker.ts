import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

  /** SIGKILL, as a crash or a lost machine would stop it (storage is kept: start() brings it back). */
  kill(): void {
    const pid = Number(readFileSync(join(this.stateDir, 'kafka.pid'), 'utf8').trim());
    process.kill(pid, 'SIGKILL');
    // Wait for the process to be gone, so the port is free for the restart.
    for (let i = 0; i < 200; i++) {
      try {
        process.kill(pid, 0);
      } catch {
        return;
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
    }
    throw new Error(`broker ${pid} still runs after SIGKILL`);
  }

  /** Deletes the broker's storage (once stopped for good; a stop alone keeps it for a restart). */
  remove(): void {
    rmSync(this.stateDir, { recursive: true, force: true });
  }
}
