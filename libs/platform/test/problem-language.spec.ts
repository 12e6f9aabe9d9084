import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import {
  Auth,
  baseConfigSchema,
  bootstrapService,
  DatabaseModule,
  defineMessages,
  DomainError,
  loadConfig,
  mapDomainErrorsToHttp,
  problemFromException,
  Public,
  RedisModule,
  type RunningService,
  StaleVersionException,
  translateFieldError,
  ValidationProblemException,
} from '../src';
import { bearer, issueTestApiKey, missingErrorTexts, type TestApiKey } from '../src/testing';

class LangSampleDto {
  @IsString()
  @MaxLength(5)
  name: string;

  @IsInt()
  @Min(1)
  @Max(9)
  trl: number;
}

enum LangErrorCode {
  AlreadyDecided = 'LANG.ALREADY_DECIDED',
}
class LangError extends DomainError<LangErrorCode> {}
const langMessages = defineMessages({
  [LangErrorCode.AlreadyDecided]: {
    en: (p: { currentState: string; decidedBy: string }) => `Already ${p.currentState} by ${p.decidedBy}`,
    ko: (p) => `이미 ${p.decidedBy}이(가) '${p.currentState}'(으)로 결정했습니다`,
    ru: (p) => `${p.decidedBy} уже принял решение: «${p.currentState}»`,
  },
});
mapDomainErrorsToHttp(LangError, () => 409, langMessages);

@Controller('lang')
class LangController {
  @Public()
  @Post('samples')
  create(@Body() body: LangSampleDto): { name: string } {
    return { name: body.name };
  }

  @Auth('programme_manager', 'reviewer', 'startup')
  @Post('decided')
  decided(): never {
    throw new LangError(LangErrorCode.AlreadyDecided, 'Already accepted by Mina', { currentState: 'accepted', decidedBy: 'Mina' });
  }

  @Auth('admin')
  @Get('admins')
  admins(): { ok: true } {
    return { ok: true };
  }
}

@Module({ imports: [DatabaseModule.forRoot(), RedisModule.forRoot()], controllers: [LangController] })
class LangModule {}

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  currentState?: string;
  errors?: Array<{ field: string; code?: string; message: string }>;
}

describe('problem details in the reply language', () => {
  let running: RunningService;
  let dataSource: DataSource;
  /** A reviewer whose person and organisation name no language. */
  let plain: TestApiKey;

  const send = async (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) => {
    const res = await fetch(`${running.url}/v1${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, language: res.headers.get('content-language'), type: res.headers.get('content-type'), problem: (await res.json()) as Problem };
  };
  const decided = (key: TestApiKey, headers: Record<string, string> = {}) => send('POST', '/lang/decided', { ...bearer(key), ...headers });

  beforeAll(async () => {
    const config = loadConfig(baseConfigSchema, { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', BODY_LIMIT_BYTES: '2048' });
    running = await bootstrapService({ name: 'lang', module: LangModule, config, handleSignals: false });
    dataSource = running.app.get(DataSource);
    plain = await issueTestApiKey(dataSource, { role: 'reviewer' });
    await dataSource.query(`UPDATE identity.organisations SET preferred_language = 'en' WHERE id = $1`, [plain.organisationId]);
  });
  afterAll(async () => {
    await running?.close();
  });

  it('answers the same failing request in English, Korean and Russian by Accept-Language, the code and parameters unchanged', async () => {
    const answers = {
      en: await decided(plain, { 'accept-language': 'en-GB' }),
      ko: await decided(plain, { 'accept-language': 'ko-KR,ko;q=0.9' }),
      ru: await decided(plain, { 'accept-language': 'ru' }),
    };
    expect(answers.en.problem).toMatchObject({ status: 409, title: 'Conflict', code: 'LANG.ALREADY_DECIDED', currentState: 'accepted', detail: 'Already accepted by Mina' });
    expect(answers.ko.problem).toMatchObject({ status: 409, title: '충돌', code: 'LANG.ALREADY_DECIDED', currentState: 'accepted', detail: "이미 Mina이(가) 'accepted'(으)로 결정했습니다" });
    expect(answers.ru.problem).toMatchObject({ status: 409, title: 'Конфликт', code: 'LANG.ALREADY_DECIDED', currentState: 'accepted', detail: 'Mina уже принял решение: «accepted»' });
    for (const [language, answer] of Object.entries(answers)) {
      expect(answer.language).toBe(language);
      expect(answer.type).toContain('application/problem+json');
      expect(answer.problem.type).toBe('urn:exchange:problem:LANG.ALREADY_DECIDED');
    }
  });

  it("answers in the person's preferred language without the header, else in the organisation's", async () => {
    const russian = await issueTestApiKey(dataSource, { role: 'reviewer' });
    await dataSource.query(`UPDATE identity.principals SET preferred_language = 'ru' WHERE id = $1`, [russian.principalId]);
    const ofKoreanOrganisation = await issueTestApiKey(dataSource, { role: 'programme_manager' });
    await dataSource.query(`UPDATE identity.organisations SET preferred_language = 'ko' WHERE id = $1`, [ofKoreanOrganisation.organisationId]);

    const fromPerson = await decided(russian);
    expect(fromPerson.language).toBe('ru');
    expect(fromPerson.problem.detail).toBe('Mina уже принял решение: «accepted»');
    const fromOrganisation = await decided(ofKoreanOrganisation);
    expect(fromOrganisation.language).toBe('ko');
    expect(fromOrganisation.problem.title).toBe('충돌');
    // A guard's own refusal speaks the caller's language too: the key is known by then.
    const forbidden = await send('GET', '/lang/admins', bearer(russian));
    expect(forbidden).toMatchObject({ status: 403, language: 'ru', problem: { code: 'AUTH.ROLE_NOT_ALLOWED', title: 'Доступ запрещён' } });
    expect(forbidden.problem.detail).toBe('Для этой операции нужна одна из ролей admin; у ключа роль reviewer');
  });

  it("answers a startup in its own language, else the first of its team's languages that the exchange writes", async () => {
    const startup = await issueTestApiKey(dataSource, { role: 'startup' });
    await dataSource.query(`UPDATE applications.startups SET languages = '{fr,ru,ko}' WHERE id = $1`, [startup.startupId]);
    expect((await decided(startup)).language).toBe('ru');
    const ownChoice = await issueTestApiKey(dataSource, { role: 'startup' });
    await dataSource.query(`UPDATE identity.principals SET preferred_language = 'ko' WHERE id = $1`, [ownChoice.principalId]);
    expect((await decided(ownChoice)).language).toBe('ko');
  });

  it('lets the header win over the preference, and answers English to a language it does not write', async () => {
    const korean = await issueTestApiKey(dataSource, { role: 'reviewer' });
    await dataSource.query(`UPDATE identity.principals SET preferred_language = 'ko' WHERE id = $1`, [korean.principalId]);
    const overridden = await decided(korean, { 'accept-language': 'ru' });
    expect(overridden.language).toBe('ru');
    expect(overridden.problem.title).toBe('Конфликт');

    const french = await decided(plain, { 'accept-language': 'fr-FR, de;q=0.8' });
    expect(french.language).toBe('en');
    expect(french.problem).toMatchObject({ title: 'Conflict', detail: 'Already accepted by Mina' });
    const anonymousFrench = await send('GET', '/lang/nowhere', { 'accept-language': 'fr' });
    expect(anonymousFrench).toMatchObject({ status: 404, language: 'en', problem: { title: 'Not Found', code: 'ROUTE.NOT_FOUND', detail: 'Cannot GET /v1/lang/nowhere' } });
  });

  it("translates a validation problem's title, detail and every field message, each with its rule's code", async () => {
    const body = { name: 'Longer than five', trl: 12, extra: true };
    const en = await send('POST', '/lang/samples', {}, body);
    const ko = await send('POST', '/lang/samples', { 'accept-language': 'ko' }, body);
    const ru = await send('POST', '/lang/samples', { 'accept-language': 'ru' }, body);
    expect(en).toMatchObject({ status: 400, language: 'en', problem: { title: 'Invalid request', code: 'REQUEST.INVALID', detail: '3 invalid fields: extra, name, trl' } });
    expect(ko).toMatchObject({ status: 400, language: 'ko', problem: { title: '유효하지 않은 요청', code: 'REQUEST.INVALID', detail: '유효하지 않은 필드 3개: extra, name, trl' } });
    expect(ru).toMatchObject({ status: 400, language: 'ru', problem: { title: 'Недопустимый запрос', code: 'REQUEST.INVALID', detail: '3 недопустимых поля: extra, name, trl' } });

    const byField = (answer: { problem: Problem }) => Object.fromEntries((answer.problem.errors ?? []).map((e) => [`${e.field} ${e.code}`, e.message]));
    expect(byField(en)).toEqual({
      'extra whitelistValidation': 'property extra should not exist',
      'name maxLength': 'name must be shorter than or equal to 5 characters',
      'trl max': 'trl must not be greater than 9',
    });
    expect(byField(ko)).toEqual({
      'extra whitelistValidation': 'extra 속성은 허용되지 않습니다',
      'name maxLength': 'name은(는) 5자 이하여야 합니다',
      'trl max': 'trl은(는) 9 이하여야 합니다',
    });
    expect(byField(ru)).toEqual({
      'extra whitelistValidation': 'Поле extra не допускается',
      'name maxLength': 'Поле name должно содержать не больше 5 символов',
      'trl max': 'Поле trl должно быть не больше 9',
    });
  });

  it('translates the problems the platform answers before any controller: no key, a body over the limit, malformed JSON', async () => {
    const noKey = await send('POST', '/lang/decided', { 'accept-language': 'ko' });
    expect(noKey).toMatchObject({ status: 401, language: 'ko', problem: { code: 'AUTH.KEY_MISSING', title: '인증 필요', detail: 'API 키를 보내세요: Authorization: Bearer <key>' } });
    const tooLarge = await send('POST', '/lang/samples', { 'accept-language': 'ru' }, { name: 'x'.repeat(4096), trl: 1 });
    expect(tooLarge).toMatchObject({ status: 413, language: 'ru', problem: { code: 'REQUEST.BODY_TOO_LARGE', title: 'Слишком большое тело запроса' } });
    const malformed = await send('POST', '/lang/samples', { 'accept-language': 'ko' }, '{"name": ');
    expect(malformed).toMatchObject({ status: 400, language: 'ko', problem: { code: 'REQUEST.MALFORMED_JSON', detail: '요청 본문이 올바른 JSON이 아닙니다' } });
  });
});

describe('translating problems without a server', () => {
  it('renders a platform problem in each language from the same parameters', () => {
    const stale = new StaleVersionException('person', 4, 3);
    expect(problemFromException(stale).problem).toMatchObject({
      code: 'CONCURRENCY.STALE_VERSION',
      title: 'Conflict',
      detail: 'The person was changed meanwhile: version 3 is stale, the current version is 4',
      currentVersion: 4,
    });
    expect(problemFromException(stale, 'ru').problem).toMatchObject({ code: 'CONCURRENCY.STALE_VERSION', title: 'Конфликт', detail: 'Объект успел измениться: версия 3 устарела, текущая версия — 4' });
    // The exception keeps its English problem: logs and other replies are not changed by one reply.
    expect(stale.problem.detail).toContain('The person was changed meanwhile');
  });

  it('keeps the English text of a rule it has no words for, and of a custom message of a known rule', () => {
    expect(translateFieldError({ field: 'contractValue', code: 'hasAtMostTwoDecimals', message: 'contractValue must have at most two decimal places' }, 'ko').message).toBe(
      'contractValue must have at most two decimal places',
    );
    expect(translateFieldError({ field: 'trl', code: 'max', message: 'trl is too advanced' }, 'ru').message).toBe('trl is too advanced');
    expect(translateFieldError({ field: 'tags', code: 'isIn', message: 'each value in tags must be one of the following values: a, b' }, 'ru').message).toBe(
      'Каждое значение поля tags должно быть одним из значений: a, b',
    );
  });

  it('translates field errors a domain error lists in its details when they carry a code', () => {
    class FilterError extends DomainError<'LANG.UNKNOWN_FILTER_ID'> {}
    mapDomainErrorsToHttp(FilterError, () => 422, {
      'LANG.UNKNOWN_FILTER_ID': { en: () => 'Unknown programmeId', ko: () => '알 수 없는 programmeId', ru: () => 'Неизвестный programmeId' },
    });
    const error = new FilterError('LANG.UNKNOWN_FILTER_ID', 'Unknown programmeId', {
      errors: [{ field: 'programmeId', code: 'unknownId', message: 'programmeId 00000000-0000-4000-8000-000000000000 names nothing you may see' }],
    });
    expect(problemFromException(error, 'ru').problem).toMatchObject({
      detail: 'Неизвестный programmeId',
      errors: [{ field: 'programmeId', code: 'unknownId', message: 'programmeId 00000000-0000-4000-8000-000000000000 не указывает ни на что, доступное вам' }],
    });
    expect(new ValidationProblemException([{ field: 'cursor', code: 'invalidCursor', message: 'x' }]).problem.code).toBe('REQUEST.INVALID');
  });

  it('falls back to the English message when a translation cannot be rendered from the details', () => {
    class BrokenError extends DomainError<'LANG.BROKEN'> {}
    mapDomainErrorsToHttp(BrokenError, () => 409, {
      'LANG.BROKEN': { en: (p: { n: { x: number } }) => `${p.n.x}`, ko: (p: { n: { x: number } }) => `${p.n.x}개`, ru: (p: { n: { x: number } }) => `${p.n.x} шт.` },
    });
    const { problem } = problemFromException(new BrokenError('LANG.BROKEN', 'Broken rule'), 'ko');
    expect(problem).toMatchObject({ status: 409, detail: 'Broken rule', title: '충돌' });
  });

  it('finds every code of an error module without a text in each language', () => {
    enum HalfErrorCode {
      Done = 'HALF.DONE',
      Missing = 'HALF.MISSING',
    }
    class HalfError extends DomainError<HalfErrorCode> {}
    mapDomainErrorsToHttp(HalfError, () => 409, {
      [HalfErrorCode.Done]: { en: () => 'Done', ko: () => '완료', ru: () => 'Готово' },
      // What a JavaScript caller or a cast could still register: the completeness test must catch it.
      [HalfErrorCode.Missing]: { en: () => 'Missing', ko: () => '없음' } as never,
    });
    expect(missingErrorTexts('half.errors.ts', { HalfErrorCode, HalfError })).toEqual(['half.errors.ts: HALF.MISSING has no ru text']);
    class UnmappedError extends DomainError<'NONE.X'> {}
    expect(missingErrorTexts('none.errors.ts', { NoneErrorCode: { X: 'NONE.X' }, UnmappedError })).toEqual([
      'none.errors.ts: no messages registered with mapDomainErrorsToHttp',
      'none.errors.ts: NONE.X has no en text',
      'none.errors.ts: NONE.X has no ko text',
      'none.errors.ts: NONE.X has no ru text',
    ]);
  });
});
