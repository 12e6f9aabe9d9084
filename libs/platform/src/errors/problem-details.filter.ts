import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestLanguage } from '../i18n/request-language';
import { getLogger } from '../logging/logger';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { problemFromException } from './problem-from-exception';

/**
 * Global filter: every error response of every service is `application/problem+json`, its title and
 * detail in the reply's language (Accept-Language, else the caller's preferred language, else
 * English), said in `Content-Language`; the machine `code` is the same in every language.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = getLogger({ component: 'errors' });

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const language = requestLanguage(request as unknown as Parameters<typeof requestLanguage>[0]);
    const { problem, headers, unexpected } = problemFromException(exception, language);
    problem.instance ??= request.url.split('?')[0];
    problem.requestId = String(request.id);

    if (unexpected) this.logger.error({ err: exception, status: problem.status, url: request.url }, 'request failed');

    if (reply.sent) return;
    void reply
      .code(problem.status)
      .headers({ ...headers, 'Content-Language': language })
      .type(PROBLEM_CONTENT_TYPE)
      .send(problem);
  }
}
