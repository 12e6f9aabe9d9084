import { Body, Controller, Get, Header, HttpCode, Post, Query } from '@nestjs/common';
import { ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Auth, type AuthenticatedPrincipal, CurrentPrincipal, Public } from '@exchange/platform';
import { ListMailMessagesQuery, MailMessagePageDto, OneClickUnsubscribeForm, UnsubscribeQuery } from './dto/mail.dto';
import { MailService } from './mail.service';

const HTML_PAGE = { description: 'An HTML page in the person\'s language', content: { 'text/html': { schema: { type: 'string' } } } };

@ApiTags('mail')
@Controller()
export class MailController {
  constructor(private readonly mail: MailService) {}

  @Get('mail-messages')
  @Auth('admin')
  @ApiOperation({ summary: "The mail sent to the organisation's people (newest first): recipient, subject, state, attempts, last SMTP error" })
  @ApiOkResponse({ type: MailMessagePageDto })
  list(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Query() query: ListMailMessagesQuery): Promise<MailMessagePageDto> {
    return this.mail.list(principal, query);
  }

  @Get('mail/unsubscribe')
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'The page of an unsubscribe link: asks before it stops anything (mail scanners open links)' })
  @ApiProduces('text/html')
  @ApiOkResponse(HTML_PAGE)
  ask(@Query() query: UnsubscribeQuery): Promise<string> {
    return this.mail.unsubscribe(query.token, 'ask');
  }

  @Post('mail/unsubscribe')
  @HttpCode(200)
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: "Stops the link's category of mail for its person (one-click unsubscribe, RFC 8058); security notices cannot be stopped" })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiProduces('text/html')
  @ApiOkResponse(HTML_PAGE)
  confirm(@Query() query: UnsubscribeQuery, @Body() _form: OneClickUnsubscribeForm): Promise<string> {
    return this.mail.unsubscribe(query.token, 'confirm');
  }
}
