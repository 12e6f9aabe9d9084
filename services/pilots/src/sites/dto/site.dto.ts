import { IsCountryCode, IsIsoDateInRange, IsLanguageCode, IsNotBlank, IsOmittable, IsSlug, IsTimeZone, IsUuid, PG_INT_MAX, PageQueryDto } from '@exchange/platform';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { PILOT_SITE_STATES, type PilotSiteState } from '@exchange/data';

export class CreatePilotSiteDto {
  @ApiProperty({ example: 'City Clinical Hospital No. 1', description: 'In any script.' })
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  name: string;

  @ApiPropertyOptional({ example: 'City Clinical Hospital No. 1' })
  @IsOmittable()
  @IsString()
  @MaxLength(300)
  nameLatin?: string;

  @ApiProperty({ example: 'Triage of emergency admissions takes too long at night.' })
  @IsString()
  @IsNotBlank()
  @MaxLength(5000)
  problemStatement: string;

  @ApiProperty({ type: [String], example: ['medtech', 'ai'], description: 'Technology fields the site needs (short keys).', maxItems: 20 })
  @IsArray()
  @ArrayMaxSize(20)
  @IsSlug({ each: true })
  technologyFields: string[];

  @ApiPropertyOptional({ type: [String], example: ['emergency_care'], description: "Keywords of the host city's stated needs (short keys).", maxItems: 20 })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsSlug({ each: true })
  needs?: string[];

  @ApiProperty({ example: 'RU', description: 'ISO 3166-1 alpha-2.' })
  @IsCountryCode()
  country: string;

  @ApiProperty({ example: 'Moscow' })
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  city: string;

  @ApiPropertyOptional({ example: 'Leninsky Prospekt 8' })
  @IsOmittable()
  @IsString()
  @MaxLength(500)
  address?: string;

  @ApiProperty({ example: 'Europe/Moscow' })
  @IsTimeZone()
  timeZone: string;

  @ApiProperty({ minimum: 1, maximum: 9, example: 5 })
  @IsInt()
  @Min(1)
  @Max(9)
  minTrl: number;

  @ApiProperty({ minimum: 1, maximum: 9, example: 9 })
  @IsInt()
  @Min(1)
  @Max(9)
  maxTrl: number;

  @ApiProperty({ type: [String], example: ['ru', 'en'], description: 'Languages spoken on site (ISO 639-1).', maxItems: 10 })
  @IsArray()
  @ArrayMaxSize(10)
  @IsLanguageCode({ each: true })
  languages: string[];

  @ApiProperty({ minimum: 1, example: 2, description: 'Pilots the site can run at once.' })
  @IsInt()
  @Min(1)
  @Max(1000)
  capacity: number;

  @ApiPropertyOptional({ example: '2026-04-01T00:00:00Z' })
  @IsOmittable()
  @IsIsoDateInRange()
  availableFrom?: string;

  @ApiPropertyOptional({ example: '2026-12-31T00:00:00Z' })
  @IsOmittable()
  @IsIsoDateInRange()
  availableUntil?: string;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Programmes the site takes part in.' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsUuid({ each: true })
  programmeIds: string[];
}

// skipNullProperties: false: a field may be left out of an update, but null is refused, not written.
export class UpdatePilotSiteDto extends PartialType(CreatePilotSiteDto, { skipNullProperties: false }) {
  @ApiProperty({ description: 'The version you read; a stale version answers 409.' })
  @IsInt()
  @Min(1)
  @Max(PG_INT_MAX)
  version: number;

  @ApiPropertyOptional({ enum: PILOT_SITE_STATES })
  @IsOmittable()
  @IsIn(PILOT_SITE_STATES)
  state?: PilotSiteState;
}

export class ListPilotSitesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOmittable()
  @IsUuid()
  programmeId?: string;

  @ApiPropertyOptional({ enum: PILOT_SITE_STATES })
  @IsOmittable()
  @IsIn(PILOT_SITE_STATES)
  state?: PilotSiteState;

  @ApiPropertyOptional({ example: 'Moscow' })
  @IsOmittable()
  @IsString()
  @MaxLength(200)
  city?: string;
}

export class PilotSiteDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) hostOrganisationId: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) nameLatin: string | null;
  @ApiProperty() problemStatement: string;
  @ApiProperty({ type: [String] }) technologyFields: string[];
  @ApiProperty({ type: [String] }) needs: string[];
  @ApiProperty() country: string;
  @ApiProperty() city: string;
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty() timeZone: string;
  @ApiProperty() minTrl: number;
  @ApiProperty() maxTrl: number;
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty() capacity: number;
  @ApiProperty({ description: 'Approved, scheduled and running pilots.' }) activePilots: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) availableFrom: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) availableUntil: string | null;
  @ApiProperty({ type: [String] }) programmeIds: string[];
  @ApiProperty({ enum: PILOT_SITE_STATES }) state: PilotSiteState;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class PilotSitePageDto {
  @ApiProperty({ type: [PilotSiteDto] }) items: PilotSiteDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
