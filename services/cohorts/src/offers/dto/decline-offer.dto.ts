import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class DeclineOfferDto {
  @ApiPropertyOptional({ maxLength: 2000, nullable: true, type: String, description: 'Why the startup declines (shared with the organisers)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string | null;
}
