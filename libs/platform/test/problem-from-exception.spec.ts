import { BadRequestException, ConflictException, NotFoundException } from '@nestjs/common';
import {
  assertUnreachable,
  DomainError,
  mapDomainErrorsToHttp,
  problemFromException,
  ProblemException,
  ValidationProblemException,
} from '../src';

enum SampleErrorCode {
  WindowClosed = 'APPLICATION.WINDOW_CLOSED',
  IllegalTransition = 'APPLICATION.ILLEGAL_TRANSITION',
}
class SampleError extends DomainError<SampleErrorCode> {}
class SpecificSampleError extends SampleError {}
class UnmappedError extends DomainError<'OTHER.THING'> {}

mapDomainErrorsToHttp(
  SampleError,
  (code) => {
    switch (code) {
      case SampleErrorCode.WindowClosed:
        return 422;
      case SampleErrorCode.IllegalTransition:
        return 409;
      default:
        return assertUnreachable(code);
    }
  },
  {
    [SampleErrorCode.WindowClosed]: { en: () => 'closed', ko: () => '마감되었습니다', ru: () => 'Приём закрыт' },
    [SampleErrorCode.IllegalTransition]: {
      en: (p: { currentState: string }) => `Cannot accept a ${p.currentState} application`,
      ko: (p) => `'${p.currentState}' 상태인 신청서는 승인할 수 없습니다`,
      ru: (p) => `Нельзя принять заявку в состоянии «${p.currentState}»`,
    },
  },
);

describe('problemFromException', () => {
  it('maps a domain error through its module mapping, with its code and details', () => {
    const { problem, unexpected } = problemFromException(
      new SampleError(SampleErrorCode.IllegalTransition, 'Cannot accept a withdrawn application', { currentState: 'withdrawn' }),
    );
    expect(problem).toEqual({
      type: 'urn:exchange:problem:APPLICATION.ILLEGAL_TRANSITION',
      title: 'Conflict',
      status: 409,
      detail: 'Cannot accept a withdrawn application',
      code: 'APPLICATION.ILLEGAL_TRANSITION',
      currentState: 'withdrawn',
    });
    expect(unexpected).toBe(false);
  });

  it('lets a subclass inherit its parent’s mapping', () => {
    expect(problemFromException(new SpecificSampleError(SampleErrorCode.WindowClosed, 'closed')).problem.status).toBe(422);
  });

  it('gives 422 to a domain error without a mapping and flags it for the logs', () => {
    const result = problemFromException(new UnmappedError('OTHER.THING', 'x'));
    expect(result.problem.status).toBe(422);
    expect(result.unexpected).toBe(true);
  });

  it('maps Nest HTTP exceptions to about:blank problems', () => {
    expect(problemFromException(new NotFoundException('Cannot GET /nope')).problem).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'Cannot GET /nope',
      code: 'ROUTE.NOT_FOUND',
    });
    expect(problemFromException(new ConflictException()).problem).toMatchObject({ status: 409, title: 'Conflict' });
    expect(problemFromException(new BadRequestException(['a is bad', 'b is bad'])).problem.detail).toBe('a is bad; b is bad');
  });

  it('lists every field of a validation failure', () => {
    const { problem } = problemFromException(
      new ValidationProblemException([
        { field: 'name', message: 'name must be a string' },
        { field: 'team.0.email', message: 'email must be an email' },
      ]),
    );
    expect(problem).toMatchObject({ status: 400, type: 'urn:exchange:problem:validation', detail: '2 invalid fields: name, team.0.email' });
    expect(problem.errors).toHaveLength(2);
  });

  it('keeps the headers of a ProblemException (Retry-After on 429)', () => {
    const result = problemFromException(new ProblemException({ type: 'about:blank', title: 'Too Many Requests', status: 429 }, { 'retry-after': '3' }));
    expect(result.problem.status).toBe(429);
    expect(result.headers).toEqual({ 'retry-after': '3' });
  });

  it('maps Fastify body errors (size, media type) to their 4xx', () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 });
    expect(problemFromException(tooLarge).problem).toMatchObject({ status: 413, title: 'Payload Too Large' });
    const media = Object.assign(new Error('Unsupported Media Type'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 });
    expect(problemFromException(media).problem.status).toBe(415);
  });

  it('hides the internals of unknown errors behind a 500', () => {
    const result = problemFromException(new TypeError('cannot read properties of undefined (secret stuff)'));
    expect(result.problem).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'An unexpected error occurred', code: 'SERVICE.UNEXPECTED_ERROR' });
    expect(result.unexpected).toBe(true);
  });
});
