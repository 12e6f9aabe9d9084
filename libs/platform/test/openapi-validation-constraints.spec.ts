import { Body, Controller, Get, HttpCode, Module, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsInt, IsNumber, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  baseConfigSchema,
  bootstrapService,
  IsCountryCode,
  IsNotBlank,
  IsOmittable,
  IsSlug,
  IsUuid,
  loadConfig,
  NestedObject,
  openApiDocumentOf,
  Public,
  type RunningService,
} from '../src';

class AddressDto {
  @ApiProperty()
  @IsCountryCode()
  country: string;
}

class CreateWidgetDto {
  @ApiProperty()
  @IsString()
  @IsNotBlank()
  @Length(2, 40)
  name: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(12)
  size: number;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-5)
  @Max(5)
  score?: number;

  @ApiProperty({ enum: ['red', 'blue'] })
  @IsIn(['red', 'blue'])
  colour: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(3)
  @IsSlug({ each: true })
  tags: string[];

  @ApiProperty()
  @IsUuid()
  ownerId: string;

  @ApiProperty()
  @IsEmail()
  @MaxLength(254)
  contact: string;

  @ApiProperty()
  @Matches(/^W-\d{3}$/)
  code: string;

  @ApiProperty({ type: AddressDto })
  @NestedObject(() => AddressDto)
  address: AddressDto;
}

class ListWidgetsQuery {
  @ApiPropertyOptional()
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

@Public()
@Controller('widgets')
class WidgetController {
  @Post()
  @HttpCode(201)
  create(@Body() body: CreateWidgetDto): { name: string } {
    return { name: body.name };
  }

  @Get(':id')
  one(@Param('id', ParseUUIDPipe) id: string, @Query() _query: ListWidgetsQuery): { id: string } {
    return { id };
  }
}

@Module({ controllers: [WidgetController] })
class WidgetModule {}

type Schema = Record<string, unknown> & { properties: Record<string, Record<string, unknown>> };

describe('the OpenAPI document says what the validators check', () => {
  let running: RunningService;
  let widget: Schema;
  let address: Schema;
  let parameters: Array<{ name: string; in: string; schema: Record<string, unknown> }>;
  let validate: (value: unknown) => boolean;

  beforeAll(async () => {
    const document = await openApiDocumentOf({ name: 'widgets', module: WidgetModule });
    const schemas = document.components!.schemas as Record<string, Schema>;
    widget = schemas.CreateWidgetDto;
    address = schemas.AddressDto;
    parameters = document.paths['/v1/widgets/{id}'].get!.parameters as typeof parameters;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ ...document, $id: 'urn:openapi:widgets' });
    validate = ajv.compile({ $ref: 'urn:openapi:widgets#/components/schemas/CreateWidgetDto' });
    const config = loadConfig(baseConfigSchema, { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
    running = await bootstrapService({ name: 'widgets', module: WidgetModule, config, handleSignals: false });
  });
  afterAll(async () => {
    await running?.close();
  });

  it('declares integers, bounds, lengths, item counts, enums, formats and patterns of a body', () => {
    expect(widget.properties.name).toMatchObject({ type: 'string', minLength: 2, maxLength: 40, pattern: '\\S' });
    expect(widget.properties.size).toMatchObject({ type: 'integer', minimum: 1, maximum: 12 });
    expect(widget.properties.score).toMatchObject({ type: 'number', minimum: -5, maximum: 5 });
    expect(widget.properties.colour).toMatchObject({ enum: ['red', 'blue'] });
    expect(widget.properties.tags).toMatchObject({ type: 'array', maxItems: 3, items: { type: 'string', pattern: expect.stringContaining('[a-z0-9]') } });
    expect(widget.properties.ownerId).toMatchObject({ format: 'uuid' });
    expect(widget.properties.contact).toMatchObject({ format: 'email', maxLength: 254 });
    expect(widget.properties.code).toMatchObject({ pattern: '^W-\\d{3}$' });
    expect(address.properties.country).toMatchObject({ pattern: '^[A-Z]{2}$' });
  });

  it('declares the rules of query parameters and the UUID of a path parameter parsed as one', () => {
    expect(parameters.find((p) => p.in === 'query' && p.name === 'limit')?.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 50 });
    expect(parameters.find((p) => p.in === 'path' && p.name === 'id')?.schema).toMatchObject({ type: 'string', format: 'uuid' });
  });

  const valid = {
    name: 'Lamp',
    size: 3,
    score: 1.5,
    colour: 'red',
    tags: ['medtech'],
    ownerId: '3b9f2c4e-8a1d-4e6f-9b2c-7d5e1a3f9c60',
    contact: 'ops@example.org',
    code: 'W-001',
    address: { country: 'KR' },
  };

  it.each([
    ['the valid widget', {}],
    ['a fractional size', { size: 2.5 }],
    ['a size above its maximum', { size: 13 }],
    ['a name of spaces', { name: '   ' }],
    ['a one-letter name', { name: 'L' }],
    ['four tags', { tags: ['a', 'b', 'c', 'd'] }],
    ['a tag in capitals', { tags: ['MedTech'] }],
    ['an owner that is not a UUID', { ownerId: 'owner-1' }],
    ['a contact that is not an e-mail', { contact: 'ops' }],
    ['a code off its pattern', { code: 'W-1' }],
    ['a colour outside the enum', { colour: 'green' }],
    ['a lower-case country', { address: { country: 'kr' } }],
  ])('the document and the service agree on %s', async (_what, change) => {
    const body = { ...valid, ...change };
    const res = await fetch(`${running.url}/v1/widgets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status === 201).toBe(validate(body));
    expect([201, 400]).toContain(res.status);
  });
});
