import { Body, Controller, HttpCode, Module, Param, Patch, Post } from '@nestjs/common';
import { IsOptional, IsString, Length } from 'class-validator';
import { baseConfigSchema, bootstrapService, loadConfig, openApiDocumentOf, Public, type RunningService } from '../src';

class CreateThingDto {
  @IsString()
  @Length(1, 50)
  name: string;
}

/** Every field optional: only the body rule stops a missing body from reading as "no change". */
class UpdateThingDto {
  @IsOptional()
  @IsString()
  @Length(1, 50)
  name?: string;
}

/** What the handlers did: a refused request must leave it as it was. */
const calls: string[] = [];

@Public()
@Controller('things')
class ThingController {
  @Post()
  create(@Body() body: CreateThingDto): { name: string } {
    calls.push(`create ${body.name}`);
    return { name: body.name };
  }

  @Patch(':id')
  update(@Param('id') id: string, @Body() _body: UpdateThingDto): { id: string } {
    calls.push(`update ${id}`);
    return { id };
  }

  @Post(':id/publish')
  @HttpCode(200)
  publish(@Param('id') id: string): { id: string } {
    calls.push(`publish ${id}`);
    return { id };
  }
}

/** Not public: a caller without a key hears 401 before anything about the body. */
@Controller('guarded')
class GuardedController {
  @Post('pause')
  pause(): void {
    calls.push('pause');
  }
}

@Module({ controllers: [ThingController, GuardedController] })
class ThingModule {}

describe('request bodies: required where a route takes one, refused where it takes none', () => {
  let running: RunningService;
  const send = (method: string, path: string, body: string | undefined, contentType: string | null = 'application/json') =>
    fetch(`${running.url}/v1${path}`, { method, headers: contentType ? { 'content-type': contentType } : {}, body });

  /** The answer must be a 400 problem naming exactly `fields`, and no handler may have run (in this test). */
  async function expectRefused(res: Response, fields: string[]): Promise<void> {
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as { type: string; errors: Array<{ field: string; message: string }> };
    expect(problem.type).toBe('urn:exchange:problem:validation');
    expect(problem.errors.map((e) => e.field)).toEqual(fields);
    expect(calls).toEqual([]);
  }

  beforeAll(async () => {
    const config = loadConfig(baseConfigSchema, { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
    running = await bootstrapService({ name: 'body-rules', module: ThingModule, config, handleSignals: false });
  });
  afterAll(async () => {
    await running?.close();
  });
  beforeEach(() => {
    calls.length = 0;
  });

  it('accepts a JSON object on a route that takes a body, and nothing or {} on one that does not', async () => {
    expect((await send('POST', '/things', JSON.stringify({ name: 'a' }))).status).toBe(201);
    expect((await send('PATCH', '/things/1', '{}')).status).toBe(200);
    expect((await send('POST', '/things/1/publish', undefined, null)).status).toBe(200);
    expect((await send('POST', '/things/2/publish', '{}')).status).toBe(200);
    expect(calls).toEqual(['create a', 'update 1', 'publish 1', 'publish 2']);
  });

  it.each([
    ['no body and no content type', undefined, null],
    ['an empty text body', '', 'text/plain'],
  ])('refuses %s where a body is required, naming the body', async (_what, body, contentType) => {
    for (const [method, path] of [['POST', '/things'], ['PATCH', '/things/1']]) {
      const res = await send(method, path, body, contentType);
      await expectRefused(res, ['body']);
    }
  });

  it('says what to send when the body is missing', async () => {
    const problem = (await (await send('PATCH', '/things/1', undefined, null)).json()) as { errors: Array<{ message: string }> };
    expect(problem.errors[0].message).toBe('a JSON body is required');
  });

  it('refuses an empty body sent as JSON with a problem document', async () => {
    const res = await send('PATCH', '/things/1', '');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(calls).toEqual([]);
  });

  it.each([
    ['null', 'null'],
    ['an array', '[]'],
    ['an array of the fields', '[{"name":"a"}]'],
    ['a number', '42'],
    ['a string', '"name"'],
    ['true', 'true'],
  ])('refuses %s as the body where a JSON object is required', async (_what, text) => {
    for (const [method, path] of [['POST', '/things'], ['PATCH', '/things/1']]) {
      await expectRefused(await send(method, path, text), ['body']);
    }
  });

  it('refuses a body on a route that takes none, naming its fields', async () => {
    await expectRefused(await send('POST', '/things/1/publish', JSON.stringify({ version: 3, reason: 'x' })), ['version', 'reason']);
    const problem = (await (await send('POST', '/things/1/publish', '{"reason":null}')).json()) as { errors: Array<{ message: string }> };
    expect(problem.errors[0].message).toBe('reason is not accepted: this route takes no body');
  });

  it.each([
    ['null', 'null', 'application/json'],
    ['an array', '[1]', 'application/json'],
    ['an empty array', '[]', 'application/json'],
    ['a number', '0', 'application/json'],
    ['text', 'please publish', 'text/plain'],
  ])('refuses %s as the body of a route that takes none', async (_what, text, contentType) => {
    await expectRefused(await send('POST', '/things/1/publish', text, contentType), ['body']);
  });

  it('answers 401 before judging the body of a route that needs a key', async () => {
    const res = await send('POST', '/guarded/pause', '{"now":true}');
    expect(res.status).toBe(401);
    expect(calls).toEqual([]);
  });

  it('documents the same: a body is required where a route takes one, and absent where it takes none', async () => {
    const document = await openApiDocumentOf({ name: 'body-rules', module: ThingModule });
    expect(document.paths['/v1/things'].post?.requestBody).toMatchObject({ required: true });
    expect(document.paths['/v1/things/{id}'].patch?.requestBody).toMatchObject({ required: true });
    expect(document.paths['/v1/things/{id}/publish'].post?.requestBody).toBeUndefined();
    expect(document.paths['/v1/guarded/pause'].post?.requestBody).toBeUndefined();
  });
});
