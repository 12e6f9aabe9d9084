import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem';
import { ReadinessChecks } from './readiness-checks';

@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessChecks) {}

  /** Liveness: the process answers. Never looks at dependencies, so an outage does not restart us. */
  @Get('live')
  live(): { status: 'up' } {
    return { status: 'up' };
  }

  /** Readiness: every registered dependency answers. 503 names the failing checks. */
  @Get('ready')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const report = await this.readiness.run();
    if (report.ready) {
      await reply.code(200).send({ status: 'up', checks: report.checks });
      return;
    }
    const failing = Object.entries(report.checks)
      .filter(([, r]) => r.status === 'down')
      .map(([name]) => name);
    await reply
      .code(503)
      .type(PROBLEM_CONTENT_TYPE)
      .send({
        type: 'urn:exchange:problem:not-ready',
        title: 'Service Unavailable',
        status: 503,
        detail: `Not ready: ${failing.join(', ')} down`,
        checks: report.checks,
      });
  }
}
