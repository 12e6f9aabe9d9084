import { LANGUAGES, type Language, ORGANISATION_KINDS, type OrganisationKind, PERSON_ROLES, type PersonRole, ROLES, type Role } from '@exchange/data';
import { IsCountryCode, IsHttpUrl, IsIsoDateInRange, IsNotBlank, IsOmittable, IsTimeZone, PageQueryDto, PG_INT_MAX } from '@exchange/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class CreateOrganisationDto {
  @ApiProperty({ description: 'Name in its own script', example: '서울창조경제혁신센터' }) @IsString() @IsNotBlank() @MaxLength(300) name: string;
  @ApiPropertyOptional({ example: 'Seoul Center for Creative Economy and Innovation' }) @IsOmittable() @IsString() @MaxLength(300) nameLatin?: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) @IsIn(ORGANISATION_KINDS) kind: OrganisationKind;
  @ApiProperty({ example: 'KR', description: 'ISO 3166-1 alpha-2' }) @IsCountryCode() country: string;
  @ApiPropertyOptional({ example: 'Seoul' }) @IsOmittable() @IsString() @MaxLength(200) city?: string;
  @ApiProperty({ enum: LANGUAGES, description: 'Language of notifications to this organisation' }) @IsIn(LANGUAGES) preferredLanguage: Language;
  @ApiPropertyOptional({ example: 'https://example.org' }) @IsOmittable() @IsHttpUrl() @MaxLength(500) website?: string;
}

export class UpdateOrganisationDto {
  @ApiPropertyOptional() @IsOmittable() @IsString() @IsNotBlank() @MaxLength(300) name?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(300) nameLatin?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(200) city?: string;
  @ApiPropertyOptional({ enum: LANGUAGES }) @IsOmittable() @IsIn(LANGUAGES) preferredLanguage?: Language;
  @ApiPropertyOptional() @IsOmittable() @IsHttpUrl() @MaxLength(500) website?: string;
  @ApiPropertyOptional({ description: 'The version read; a stale one answers 409 (or send If-Match)' }) @IsOmittable() @IsInt() @Min(1) @Max(PG_INT_MAX) version?: number;
}

export class ListOrganisationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ORGANISATION_KINDS }) @IsOmittable() @IsIn(ORGANISATION_KINDS) kind?: OrganisationKind;
  @ApiPropertyOptional({ example: 'KR' }) @IsOmittable() @IsCountryCode() country?: string;
  @ApiPropertyOptional({ description: 'Part of the name, in any script' }) @IsOmittable() @IsString() @IsNotBlank() @MaxLength(100) q?: string;
}

export class OrganisationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) nameLatin: string | null;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind: OrganisationKind;
  @ApiProperty() country: string;
  @ApiProperty({ nullable: true, type: String }) city: string | null;
  @ApiProperty({ enum: LANGUAGES }) preferredLanguage: Language;
  @ApiProperty({ nullable: true, type: String }) website: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class OrganisationPageDto {
  @ApiProperty({ type: [OrganisationDto] }) items: OrganisationDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class CreatePersonDto {
  @ApiProperty({ example: 'Anna Petrova' }) @IsString() @IsNotBlank() @MaxLength(200) displayName: string;
  @ApiPropertyOptional({ example: 'anna@example.org' }) @IsOmittable() @IsEmail() @MaxLength(320) email?: string;
  @ApiProperty({ enum: PERSON_ROLES, description: 'A programme manager may create every role but admin' }) @IsIn(PERSON_ROLES) role: PersonRole;
  @ApiPropertyOptional({ enum: LANGUAGES, description: 'The language of mail to the person; the organisation’s when left out' }) @IsOmittable() @IsIn(LANGUAGES) preferredLanguage?: Language;
  @ApiPropertyOptional({ example: 'Europe/Moscow', maxLength: 64, description: 'IANA time zone: times in mail to the person are given in it' }) @IsOmittable() @IsTimeZone() timeZone?: string;
}

/** What a manager may change about a person; null clears an optional field. */
export class UpdatePersonDto {
  @ApiPropertyOptional({ example: 'Anna Petrova' }) @IsOmittable() @IsString() @IsNotBlank() @MaxLength(200) displayName?: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'anna@example.org', description: 'null removes the address' }) @IsOptional() @IsEmail() @MaxLength(320) email?: string | null;
  @ApiPropertyOptional({ enum: LANGUAGES, nullable: true, description: 'The language of mail to the person; null sets the organisation’s' }) @IsOptional() @IsIn(LANGUAGES) preferredLanguage?: Language | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 64, example: 'Asia/Seoul', description: 'IANA time zone; null removes it' }) @IsOptional() @IsTimeZone() timeZone?: string | null;
  @ApiPropertyOptional({ description: 'The version read; a stale one answers 409 (or send If-Match)' }) @IsOmittable() @IsInt() @Min(1) @Max(PG_INT_MAX) version?: number;
}

export class ListPeopleQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PERSON_ROLES }) @IsOmittable() @IsIn(PERSON_ROLES) role?: PersonRole;
}

export class PersonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organisationId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) startupId: string | null;
  @ApiProperty() displayName: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ enum: LANGUAGES, nullable: true }) preferredLanguage: Language | null;
  @ApiProperty({ nullable: true, type: String, example: 'Europe/Moscow', description: 'IANA time zone; null when not known' }) timeZone: string | null;
  @ApiProperty({ enum: ['active', 'disabled'] }) state: string;
  @ApiProperty({ description: 'Send it back (or as If-Match) to update the person' }) version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class PersonPageDto {
  @ApiProperty({ type: [PersonDto] }) items: PersonDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class CreateApiKeyDto {
  @ApiPropertyOptional({ example: 'CI pipeline' }) @IsOmittable() @IsString() @MaxLength(200) label?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the key stops working; never when omitted' })
  @IsOmittable()
  @IsIsoDateInRange()
  expiresAt?: string;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The visible start of the key', example: 'sx_live_AbCdEfGh' }) prefix: string;
  @ApiProperty({ format: 'uuid' }) principalId: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ nullable: true, type: String }) label: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastUsedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expiresAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revokedAt: string | null;
}

export class IssuedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The secret key: shown only in this response, store it now', example: 'sx_live_…' }) key: string;
}

export class ApiKeyPageDto {
  @ApiProperty({ type: [ApiKeyDto] }) items: ApiKeyDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
