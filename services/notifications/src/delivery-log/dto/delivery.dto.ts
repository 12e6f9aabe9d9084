import { IsIsoDateInRange, IsOmittable, IsUuid, WidePageQueryDto } from '@exchange/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { DELIVERY_STATES, type DeliveryState } from '@exchange/data';

export class ListDeliveriesQuery extends WidePageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUuid() endpointId?: string;
  @ApiPropertyOptional({ example: 'pilot.approved' }) @IsOmittable() @IsString() @MaxLength(100) eventType?: string;
  @ApiPropertyOptional({ enum: DELIVERY_STATES }) @IsOmittable() @IsIn([...DELIVERY_STATES]) state?: DeliveryState;
  @ApiPropertyOptional({ format: 'date-time', description: 'Created at or after' }) @IsOmittable() @IsIsoDateInRange() from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Created before' }) @IsOmittable() @IsIsoDateInRange() to?: string;
}

export class DeliveryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) endpointId!: string;
  @ApiProperty({ format: 'uuid', description: 'Also the `webhook-id` header' }) eventId!: string;
  @ApiProperty() eventType!: string;
  @ApiProperty({ format: 'date-time' }) eventTime!: string;
  @ApiProperty({ enum: DELIVERY_STATES }) state!: DeliveryState;
  @ApiProperty() attemptCount!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextAttemptAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastAttemptAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) lastStatusCode!: number | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) succeededAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) failedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class DeliveryAttemptDto {
  @ApiProperty() attemptNumber!: number;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: Number, nullable: true }) statusCode!: number | null;
  @ApiProperty() latencyMs!: number;
  @ApiProperty({ type: String, nullable: true, description: 'The first 4096 characters of the answer at most' }) responseExcerpt!: string | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
}

export class DeliveryDetailDto extends DeliveryDto {
  @ApiProperty({ type: [DeliveryAttemptDto] }) attempts!: DeliveryAttemptDto[];
}

export class DeliveryPageDto {
  @ApiProperty({ type: [DeliveryDto] }) items!: DeliveryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
