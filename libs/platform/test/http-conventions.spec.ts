import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsEmail, IsInt, IsString, Max, Min, ValidateNested } from 'class-validator';
import { baseConfigSchema, bootstrapService, currentRequestId, DomainError, loadConfig, mapDomainErrorsToHttp, Public, type RunningService } from '../src';

class MemberDto {
  @IsEmail()
  email: string;
}

class CreateSampleDto {
  @IsString()
  name: string;

  @IsInt()
  @Min(1)
  @Max(9)
  trl: number;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => MemberDto)
  team: MemberDto[];
}

class SampleRuleError extends DomainError<'SAMPLE.ALREADY_DECIDED'> {}
mapDomainErrorsToHttp(SampleRuleError, () => 409, {
  'SAMPLE.ALREADY_DECIDED': { en: () => 'Already decided', ko: () => '이미 결정되었습니다', ru: () => 'Решение уже принято' },
});

@Public()
@Controller('samples')
class SampleController {
  @Post()
  async create(@Body() body: CreateSampleDto): Promise<{ name: string; requestId: string | undefined }> {
    await new Promise((resolve) => setImmediate(resolve)); // the request context survives async hops
    return { name: body.name, requestId: currentRequestId() };
  }

  @Post('decided')
  decided(): never {
    throw new SampleRuleError('SAMPLE.ALREADY_DECIDED', 'Already decided', { currentState: 'accepted' });
  }

  @Get('broken')
  broken(): never {
    throw new Error('database password is hunter2');
  }
}

@Module({ controllers: [SampleController] })
class SampleModule {}

const valid = { name: '스타트업 Старт', trl: 5, team: [{ email: 'a@example.org' }] };

describe('HTTP conventions of bootstrapService', () => {
  let running: RunningService;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${running.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    const config = loadConfig(baseConfigSchema, { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', BODY_LIMIT_BYTES: '2048' });
    running = await bootstrapService({ name: 'sample', module: SampleModule, config, handleSignals: false });
  });
  afterAll(async () => {
    await running?.close();
  });

  it('serves API routes under /v1 and keeps the request id in the async context', async () => {
    const res = await post('/v1/samples', valid, { 'x-request-id': 'ctx-check-1' });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ name: valid.name, requestId: 'ctx-check-1' });
    expect((await post('/samples', valid)).status).toBe(404);
  });

  it('rejects unknown fields and lists every invalid field', async () => {
    const res = await post('/v1/samples', { name: 42, trl: 12, team: [{ email: 'nope' }], isAdmin: true });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as { errors: Array<{ field: string; message: string }>; instance: string; requestId: string };
    const fields = problem.errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'trl', 'team.0.email', 'isAdmin']));
    expect(problem.errors.find((e) => e.field === 'isAdmin')?.message).toContain('should not exist');
    expect(problem.instance).toBe('/v1/samples');
    expect(problem.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('answers 413 problem+json for a body over BODY_LIMIT_BYTES', async () => {
    const res = await post('/v1/samples', { ...valid, name: 'x'.repeat(4096) });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 413, title: 'Payload Too Large' });
  });

  it('answers 400 problem+json for malformed JSON', async () => {
    const res = await post('/v1/samples', '{"name": ');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 400 });
  });

  it('answers 415 problem+json for a content type it does not parse', async () => {
    const res = await post('/v1/samples', 'name=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('maps a domain error to its HTTP status at the edge', async () => {
    const res = await post('/v1/samples/decided', {});
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'SAMPLE.ALREADY_DECIDED', currentState: 'accepted', detail: 'Already decided' });
  });

  it('answers 500 without leaking the error message', async () => {
    const res = await fetch(`${running.url}/v1/samples/broken`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('hunter2');
    expect(JSON.parse(text)).toMatchObject({ status: 500, title: 'Internal Server Error' });
  });

  it('documents the API under /v1 with the problem schema', async () => {
    const doc = (await (await fetch(`${running.url}/docs-json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/samples', '/v1/samples/decided']));
  });
});
