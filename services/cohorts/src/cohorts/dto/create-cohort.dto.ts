import { IsCountryCode, IsIsoDateInRange, IsLanguageCode, IsNotBlank, IsOmittable, IsTimeZone, IsUuid, NestedObject } from '@exchange/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { SelectionRuleDto } from './selection-rule.dto';

export class CreateCohortDto {
  @ApiProperty({ format: 'uuid', description: 'The accelerator programme this cohort belongs to' })
  @IsUuid()
  programmeId: string;

  @ApiProperty({ example: '서울 글로벌 코호트 2027 봄', description: 'Name in any script' })
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'Seoul Global Cohort Spring 2027' })
  @IsOmittable()
  @IsString()
  @MaxLength(200)
  nameLatin?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Partner organisations that may read the cohort' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUuid({ each: true })
  partnerOrganisationIds?: string[];

  @ApiProperty({ example: 'KR', description: 'ISO 3166-1 alpha-2 country of the host city' })
  @IsCountryCode()
  hostCountry: string;

  @ApiProperty({ example: 'Seoul' })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  hostCity: string;

  @ApiProperty({ example: 'Asia/Seoul', description: 'IANA time zone of the host city' })
  @IsTimeZone()
  timeZone: string;

  @ApiProperty({ example: 'en', description: 'Language of instruction (ISO 639-1)' })
  @IsLanguageCode()
  language: string;

  @ApiProperty({ format: 'date-time', example: '2027-03-02T00:00:00Z' })
  @IsIsoDateInRange()
  startsAt: string;

  @ApiProperty({ format: 'date-time', example: '2027-06-30T00:00:00Z' })
  @IsIsoDateInRange()
  endsAt: string;

  @ApiProperty({ minimum: 1, example: 12 })
  @IsInt()
  @Min(1)
  @Max(10_000)
  capacity: number;

  @ApiPropertyOptional({ minimum: 1, default: 168, description: 'Hours a startup has to answer an offer' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(24 * 365)
  offerTtlHours?: number;

  @ApiPropertyOptional({ format: 'date-time', description: 'No offer of this cohort can be answered after this moment' })
  @IsOmittable()
  @IsIsoDateInRange()
  offerDeadlineAt?: string;

  @ApiProperty({ type: SelectionRuleDto })
  @NestedObject(() => SelectionRuleDto)
  selectionRule: SelectionRuleDto;
}
