import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Idempotent, type AuthenticatedPrincipal } from '@exchange/platform';
import { AgreementsService } from './agreements.service';
import {
  AgreementPageResponse,
  AgreementResponse,
  CreateAgreementDto,
  ListAgreementsQuery,
  ReciprocityQuery,
  ReciprocityReportResponse,
  UpdateAgreementDto,
} from './dto/agreement.dto';
import { REPORT_RULES } from './reciprocity';

/** Who changes an agreement: the admins and programme managers of its parties. */
const SIGNATORIES = ['admin', 'programme_manager'] as const;
/** Who reads it and its report: the same, and the parties' partner liaisons. */
const READERS = ['admin', 'programme_manager', 'partner_agency'] as const;
const NOT_A_PARTY = "Unknown, or an agreement the caller's organisation is not a party to";

@ApiTags('agreements')
@Controller('agreements')
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Post()
  @Auth(...SIGNATORIES)
  @Idempotent()
  @ApiOperation({ summary: "Record an agreement (MOU) between the caller's organisation (party A) and another organisation (party B)" })
  @ApiCreatedResponse({ type: AgreementResponse })
  @ApiUnprocessableEntityResponse({ description: 'Unknown counterpart (AGREEMENT.UNKNOWN_ORGANISATION), the own organisation (AGREEMENT.SAME_PARTY), or invalid dates (AGREEMENT.INVALID_DATES)' })
  create(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Body() dto: CreateAgreementDto) {
    return this.agreements.create(principal, dto);
  }

  @Get()
  @Auth(...READERS)
  @ApiOperation({ summary: "The agreements the caller's organisation is a party to, oldest first" })
  @ApiOkResponse({ type: AgreementPageResponse })
  list(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Query() query: ListAgreementsQuery) {
    return this.agreements.list(principal, query);
  }

  @Get(':id')
  @Auth(...READERS)
  @ApiOkResponse({ type: AgreementResponse })
  @ApiNotFoundResponse({ description: NOT_A_PARTY })
  get(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.agreements.get(principal, id);
  }

  @Patch(':id')
  @Auth(...SIGNATORIES)
  @ApiOperation({ summary: "Change an active agreement's title, dates or targets (either party)" })
  @ApiOkResponse({ type: AgreementResponse })
  @ApiNotFoundResponse({ description: NOT_A_PARTY })
  @ApiConflictResponse({ description: 'Ended (AGREEMENT.ILLEGAL_STATE), or changed since you read it (AGREEMENT.VERSION_CONFLICT, currentVersion)' })
  @ApiUnprocessableEntityResponse({ description: 'Invalid dates (AGREEMENT.INVALID_DATES)' })
  update(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateAgreementDto) {
    return this.agreements.update(principal, id, dto);
  }

  @Post(':id/end')
  @Auth(...SIGNATORIES)
  @HttpCode(200)
  @ApiOperation({ summary: 'End an active agreement (either party); its report stays readable' })
  @ApiOkResponse({ type: AgreementResponse })
  @ApiNotFoundResponse({ description: NOT_A_PARTY })
  @ApiConflictResponse({ description: 'Already ended (AGREEMENT.ILLEGAL_STATE, currentState)' })
  end(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.agreements.end(principal, id);
  }

  @Get(':id/reciprocity')
  @Auth(...READERS)
  @ApiOperation({ summary: 'How many startups went each way under the agreement in a period, how far they got, and the pitch days and business-mission meetings on each side', description: REPORT_RULES })
  @ApiOkResponse({ type: ReciprocityReportResponse })
  @ApiNotFoundResponse({ description: NOT_A_PARTY })
  @ApiUnprocessableEntityResponse({ description: 'A period that ends before it starts or spans more than 3,660 days (AGREEMENT.INVALID_PERIOD)' })
  reciprocity(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Query() query: ReciprocityQuery) {
    return this.agreements.reciprocity(principal, id, query);
  }

  @Get(':id/reciprocity.csv')
  @Auth(...READERS)
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="reciprocity.csv"')
  @ApiOperation({ summary: 'The reciprocity report as a CSV file, one row per direction', description: REPORT_RULES })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV: a header, then party A → party B and party B → party A', schema: { type: 'string' } })
  @ApiNotFoundResponse({ description: NOT_A_PARTY })
  @ApiUnprocessableEntityResponse({ description: 'A period that ends before it starts or spans more than 3,660 days (AGREEMENT.INVALID_PERIOD)' })
  reciprocityCsv(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Query() query: ReciprocityQuery) {
    return this.agreements.reciprocityCsv(principal, id, query);
  }
}
