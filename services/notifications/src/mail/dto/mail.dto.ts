import { IsOmittable, IsUuid, WidePageQueryDto } from '@exchange/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { MAIL_MESSAGE_STATES, type MailMessageState } from '@exchange/data';
import { MAIL_CATEGORIES, MAIL_CATEGORY_OF, MAIL_LANGUAGES, type MailCategory, type MailLanguage } from '../mail-content';

const MAIL_KINDS = Object.keys(MAIL_CATEGORY_OF);

export class ListMailMessagesQuery extends WidePageQueryDto {
  @ApiPropertyOptional({ enum: MAIL_MESSAGE_STATES }) @IsOmittable() @IsIn([...MAIL_MESSAGE_STATES]) state?: MailMessageState;
  @ApiPropertyOptional({ enum: MAIL_KINDS }) @IsOmittable() @IsIn(MAIL_KINDS) kind?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the mail to this person of the organisation' }) @IsOmittable() @IsUuid() recipientId?: string;
}

export class MailMessageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: MAIL_KINDS }) kind!: string;
  @ApiProperty({ enum: MAIL_CATEGORIES }) category!: MailCategory;
  @ApiProperty({ format: 'uuid', description: 'The event (or reminder) that caused the mail' }) causeId!: string;
  @ApiProperty({ format: 'uuid' }) recipientId!: string;
  @ApiProperty() toAddress!: string;
  @ApiProperty({ enum: MAIL_LANGUAGES }) language!: MailLanguage;
  @ApiProperty() subject!: string;
  @ApiProperty({ enum: MAIL_MESSAGE_STATES }) state!: MailMessageState;
  @ApiProperty({ type: 'integer' }) attemptCount!: number;
  @ApiProperty({ type: String, nullable: true, description: "The SMTP server's last refusal or the connection error" }) lastError!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) failedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class MailMessagePageDto {
  @ApiProperty({ type: [MailMessageDto] }) items!: MailMessageDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class UnsubscribeQuery {
  @ApiProperty({ description: 'The token of the link in the mail', maxLength: 200 }) @IsString() @MaxLength(200) token!: string;
}

/** What a mail client's one-click unsubscribe (RFC 8058) and the page's button send. */
export class OneClickUnsubscribeForm {
  @ApiProperty({ name: 'List-Unsubscribe', enum: ['One-Click'] }) @IsIn(['One-Click']) 'List-Unsubscribe'!: 'One-Click';
}
