import { IsHttpUrl, IsIsoDateInRange, IsOmittable, IsUuid, PG_INT_MAX, WidePageQueryDto } from '@exchange/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { WEBHOOK_ENDPOINT_STATES, type WebhookEndpointState } from '@exchange/data';

export class CreateEndpointDto {
  @ApiProperty({ description: 'Where webhooks are POSTed; https (http only where the deployment allows it)', example: 'https://hooks.partner.example/exchange' })
  @IsString()
  @MaxLength(2_048)
  @IsHttpUrl()
  url!: string;

  @ApiProperty({ description: 'Event types or patterns (`*` wildcard): `pilot.*`, `application.accepted`, `*`', example: ['application.accepted', 'pilot.*'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  eventTypes!: string[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500, example: 'Seoul office CRM' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;
}

export class UpdateEndpointDto {
  @ApiProperty({ description: 'The version read; a stale one answers 409', example: 1 })
  @IsInt()
  @Min(1)
  @Max(PG_INT_MAX)
  version!: number;

  @ApiPropertyOptional({ example: 'https://hooks.partner.example/exchange' })
  @IsOmittable()
  @IsString()
  @MaxLength(2_048)
  @IsHttpUrl()
  url?: string;

  @ApiPropertyOptional({ example: ['pilot.*'] })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  eventTypes?: string[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;
}

export class EndpointDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: [String] }) eventTypes!: string[];
  @ApiProperty({ enum: WEBHOOK_ENDPOINT_STATES }) state!: WebhookEndpointState;
  @ApiProperty({ type: String, nullable: true, enum: ['gone', 'no_success'] }) disabledReason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) disabledAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastSuccessAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Start of the current run of failures' })
  failingSince!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Until when the previous secret also signs' })
  previousSecretExpiresAt!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class CreatedEndpointDto extends EndpointDto {
  @ApiProperty({ description: 'The signing secret, shown only now', example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })
  secret!: string;
}

export class EndpointPageDto {
  @ApiProperty({ type: [EndpointDto] }) items!: EndpointDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page' }) nextCursor!: string | null;
}

/** Endpoints have no filters: only the page. */
export class ListEndpointsQuery extends WidePageQueryDto {}

export class RotateSecretDto {
  @ApiPropertyOptional({ description: 'How long the old secret keeps signing beside the new one (seconds, at most 7 days)', default: 86_400 })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(7 * 86_400)
  overlapSeconds?: number;
}

export class RotatedSecretDto {
  @ApiProperty({ description: 'The new signing secret, shown only now' }) secret!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) previousSecretExpiresAt!: string | null;
  @ApiProperty({ type: EndpointDto }) endpoint!: EndpointDto;
}

export class ReplayDto {
  @ApiProperty({ format: 'date-time', description: 'Events from this time (inclusive)' }) @IsIsoDateInRange() from!: string;
  @ApiProperty({ format: 'date-time', description: 'Events before this time (exclusive)' }) @IsIsoDateInRange() to!: string;
  @ApiPropertyOptional({ default: false, description: 'Also send again events the endpoint already received' })
  @IsOmittable()
  @IsBoolean()
  includeSucceeded?: boolean;
}

export class ReplayResultDto {
  @ApiProperty({ description: 'Deliveries created for events the endpoint had not been sent' }) created!: number;
  @ApiProperty({ description: 'Existing deliveries (failed, cancelled, or succeeded if asked) queued again' }) requeued!: number;
}

export class TestEventResultDto {
  @ApiProperty({ format: 'uuid', description: 'The `webhook-id` the receiver sees' }) eventId!: string;
  @ApiProperty({ format: 'uuid' }) deliveryId!: string;
}

export class EndpointIdParam {
  @IsUuid() id!: string;
}
