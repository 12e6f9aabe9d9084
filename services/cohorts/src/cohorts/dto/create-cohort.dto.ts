import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { SelectionRuleDto } from './selection-rule.dto';

export class CreateCohortDto {
  @ApiProperty({ format: 'uuid', description: 'The accelerator programme this cohort belongs to' })
  @IsUUID()
  programmeId: string;

  @ApiProperty({ example: '서울 글로벌 코호트 2027 봄', description: 'Name in any script' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'Seoul Global Cohort Spring 2027' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  nameLatin?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Partner organisations that may read the cohort' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  partnerOrganisationIds?: string[];

  @ApiProperty({ example: 'KR', description: 'ISO 3166-1 alpha-2 country of the host city' })
  @Matches(/^[A-Z]{2}$/, { message: 'hostCountry must be an ISO 3166-1 alpha-2 code such as KR' })
  hostCountry: string;

  @ApiProperty({ example: 'Seoul' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  hostCity: string;

  @ApiProperty({ example: 'Asia/Seoul', description: 'IANA time zone of the host city' })
  @IsString()
  @IsNotEmpty()
  timeZone: string;

  @ApiProperty({ example: 'en', description: 'Language of instruction (ISO 639-1)' })
  @Matches(/^[a-z]{2}$/, { message: 'language must be an ISO 639-1 code such as en' })
  language: string;

  @ApiProperty({ format: 'date-time', example: '2027-03-02T00:00:00Z' })
  @IsISO8601({ strict: true })
  startsAt: string;

  @ApiProperty({ format: 'date-time', example: '2027-06-30T00:00:00Z' })
  @IsISO8601({ strict: true })
  endsAt: string;

  @ApiProperty({ minimum: 1, example: 12 })
  @IsInt()
  @Min(1)
  @Max(10_000)
  capacity: number;

  @ApiPropertyOptional({ minimum: 1, default: 168, description: 'Hours a startup has to answer an offer' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24 * 365)
  offerTtlHours?: number;

  @ApiPropertyOptional({ format: 'date-time', description: 'No offer of this cohort can be answered after this moment' })
  @IsOptional()
  @IsISO8601({ strict: true })
  offerDeadlineAt?: string;

  @ApiProperty({ type: SelectionRuleDto })
  @ValidateNested()
  @Type(() => SelectionRuleDto)
  selectionRule: SelectionRuleDto;
}
