import { Injectable } from '@nestjs/common';

/** A dependency probe: resolves when the dependency answers, rejects (with a reason) otherwise. */
export type ReadinessCheck = () => Promise<unknown>;

export interface CheckResult {
  status: 'up' | 'down';
  durationMs: number;
  error?: string;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, CheckResult>;
}

/**
 * The readiness checks of this process. Modules that own a connection register a check for it
 * (DatabaseModule: postgres, RedisModule: redis, the service: kafka), so `/health/ready` needs no
 * knowledge of what the service uses.
 */
@Injectable()
export class ReadinessChecks {
  private readonly checks = new Map<string, ReadinessCheck>();
  private timeoutMs = 3_000;

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  setTimeout(ms: number): void {
    this.timeoutMs = ms;
  }

  names(): string[] {
    return [...this.checks.keys()];
  }

  async run(): Promise<ReadinessReport> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => [name, await this.runOne(check)] as const),
    );
    const checks = Object.fromEntries(entries);
    return { ready: entries.every(([, r]) => r.status === 'up'), checks };
  }

  private async runOne(check: ReadinessCheck): Promise<CheckResult> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        check(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
        }),
      ]);
      return { status: 'up', durationMs: Math.round(performance.now() - started) };
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      return { status: 'down', durationMs: Math.round(performance.now() - started), error };
    } finally {
      clearTimeout(timer);
    }
  }
}
