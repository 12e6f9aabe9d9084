import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { entitiesFrom, entityFrom, likeLiteral, OpenCall, OpenCallAnswer, type OpenCallAnswerState, type OpenCallCloseReason } from '@exchange/data';
import { CREATED_AT_ID, keysetCondition, returnedRows, type Keyset } from '@exchange/platform';
import type { OpenCallAnswerDto, OpenCallDto } from './dto/open-call.dto';
import { SHORT_QUERY_MAX_CHARS, SUBSTRING_RANK_SQL, TRIGRAM_RANK_SQL, WORD_SIMILARITY_THRESHOLD } from './open-call-search';

/** Search results are paged by relevance, then id: (rank, id) is the keyset. */
export const RANK_ID = ['positiveInt', 'uuid'] as const;

/** An open call with what its public view reads from its site. */
export interface OpenCallView {
  call: OpenCall;
  siteName: string;
  /** Set on search results: the relevance the page is ordered by. */
  rank?: number;
  /** `created_at` at microsecond precision (a JS Date would round it and repeat or skip rows). */
  cursorAt: string;
}

export interface AnswerView {
  answer: OpenCallAnswer;
  openCallTitle: string;
  cursorAt: string;
}

export interface NewOpenCall {
  siteId: string;
  hostOrganisationId: string;
  programmeId: string | null;
  title: string;
  problem: string;
  technologyFields: string[];
  languages: string[];
  city: string;
  country: string;
  windowStartsOn: string;
  windowEndsOn: string;
  pilotsSought: number;
  answerDeadline: string;
  publishedAt: Date;
  publishedBy: string;
  searchText: string;
}

export type OpenCallSearch =
  | { kind: 'newest'; cursor: Keyset<typeof CREATED_AT_ID> | null }
  | { kind: 'ranked'; query: string; cursor: Keyset<typeof RANK_ID> | null };

export function toOpenCallDto({ call: c, siteName }: Pick<OpenCallView, 'call' | 'siteName'>): OpenCallDto {
  return {
    id: c.id,
    siteId: c.siteId,
    siteName,
    programmeId: c.programmeId,
    title: c.title,
    problem: c.problem,
    technologyFields: c.technologyFields,
    languages: c.languages,
    city: c.city,
    country: c.country,
    windowStartsOn: c.windowStartsOn,
    windowEndsOn: c.windowEndsOn,
    pilotsSought: c.pilotsSought,
    answerDeadline: c.answerDeadline.toISOString(),
    state: c.state,
    closedReason: c.closedReason,
    publishedAt: c.publishedAt.toISOString(),
    closedAt: c.closedAt?.toISOString() ?? null,
    version: c.version,
  };
}

export function toAnswerDto({ answer: a, openCallTitle }: Pick<AnswerView, 'answer' | 'openCallTitle'>): OpenCallAnswerDto {
  return {
    id: a.id,
    openCallId: a.openCallId,
    openCallTitle,
    startupId: a.startupId,
    proposal: a.proposal,
    state: a.state,
    answeredAt: a.createdAt.toISOString(),
    decidedAt: a.decidedAt?.toISOString() ?? null,
    version: a.version,
  };
}

const CURSOR_AT = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

type CallRow = Record<string, unknown> & { site_name: string; cursor_at: string; rank?: number };
type AnswerRow = Record<string, unknown> & { open_call_title: string; cursor_at: string };

@Injectable()
export class OpenCallsRepository {
  async insert(tx: EntityManager, c: NewOpenCall): Promise<OpenCall> {
    const rows = await tx.query(
      `INSERT INTO pilots.open_calls (site_id, host_organisation_id, programme_id, title, problem, technology_fields, languages, city, country,
          window_starts_on, window_ends_on, pilots_sought, answer_deadline, published_at, published_by, search_text)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       RETURNING *`,
      [
        c.siteId,
        c.hostOrganisationId,
        c.programmeId,
        c.title,
        c.problem,
        c.technologyFields,
        c.languages,
        c.city,
        c.country,
        c.windowStartsOn,
        c.windowEndsOn,
        c.pilotsSought,
        c.answerDeadline,
        c.publishedAt,
        c.publishedBy,
        c.searchText,
      ],
    );
    return entitiesFrom(tx, OpenCall, rows)[0];
  }

  /** Any call, open or closed, with its site's name (public by id). */
  async findView(tx: EntityManager, id: string): Promise<OpenCallView | null> {
    const rows: CallRow[] = await tx.query(
      `SELECT c.*, s.name AS site_name, ${CURSOR_AT('c.created_at')} AS cursor_at
         FROM pilots.open_calls c JOIN pilots.pilot_sites s ON s.id = c.site_id WHERE c.id = $1`,
      [id],
    );
    return this.views(tx, rows)[0] ?? null;
  }

  /**
   * The call if it belongs to the host organisation (another host's call and an unknown id alike:
   * null); with `lock`, locked for the close.
   */
  async findOfHost(tx: EntityManager, id: string, hostOrganisationId: string, lock = false): Promise<OpenCall | null> {
    const rows = await tx.query(`SELECT c.* FROM pilots.open_calls c WHERE c.id = $1 AND c.host_organisation_id = $2${lock ? ' FOR UPDATE' : ''}`, [
      id,
      hostOrganisationId,
    ]);
    return entityFrom(tx, OpenCall, rows);
  }

  /** Any call, to be answered: locked for share, so a close (or the deadline sweep) waits for the answer, or the answer sees it closed. */
  async findToAnswer(tx: EntityManager, id: string): Promise<OpenCall | null> {
    return entityFrom(tx, OpenCall, await tx.query(`SELECT c.* FROM pilots.open_calls c WHERE c.id = $1 FOR SHARE`, [id]));
  }

  /**
   * Open calls still taking answers at `now`, filtered by field and city: newest first, or by
   * relevance to a query (trigram word similarity, typo-tolerant; a query of one or two characters
   * as a substring). The caller runs it in a transaction: the similarity threshold is set for it only.
   */
  async search(
    tx: EntityManager,
    filter: { now: Date; field?: string; city?: string; search: OpenCallSearch; limit: number },
  ): Promise<OpenCallView[]> {
    const params: unknown[] = [filter.now];
    const where = [`c.state = 'open'`, `c.answer_deadline > $1`];
    if (filter.field) {
      params.push(filter.field);
      where.push(`$${params.length} = ANY (c.technology_fields)`);
    }
    if (filter.city) {
      params.push(filter.city);
      where.push(`lower(c.city) = lower($${params.length})`);
    }
    const from = `FROM pilots.open_calls c JOIN pilots.pilot_sites s ON s.id = c.site_id`;
    const columns = `c.*, s.name AS site_name, ${CURSOR_AT('c.created_at')} AS cursor_at`;
    const { search } = filter;
    if (search.kind === 'newest') {
      where.push(keysetCondition(CREATED_AT_ID, ['c.created_at', 'c.id'], search.cursor, params, 'DESC'));
      params.push(filter.limit + 1);
      const rows: CallRow[] = await tx.query(
        `SELECT ${columns} ${from} WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC, c.id DESC LIMIT $${params.length}`,
        params,
      );
      return this.views(tx, rows);
    }
    let rank: string;
    if ([...search.query].length <= SHORT_QUERY_MAX_CHARS) {
      params.push(`%${likeLiteral(search.query)}%`);
      where.push(`c.search_text LIKE $${params.length}`);
      params.push(`% ${likeLiteral(search.query)}%`);
      rank = SUBSTRING_RANK_SQL(`$${params.length}`, 'c.search_text');
    } else {
      // `<%` is what the GIN trigram index answers; the threshold is this transaction's only.
      await tx.query(`SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)`, [String(WORD_SIMILARITY_THRESHOLD)]);
      params.push(search.query);
      where.push(`$${params.length} <% c.search_text`);
      rank = TRIGRAM_RANK_SQL(`$${params.length}`, 'c.search_text');
    }
    const page = keysetCondition(RANK_ID, ['x.rank', 'x.id'], search.cursor, params, 'DESC');
    params.push(filter.limit + 1);
    const rows: CallRow[] = await tx.query(
      `SELECT * FROM (SELECT ${columns}, ${rank} AS rank ${from} WHERE ${where.join(' AND ')}) x
        WHERE ${page} ORDER BY x.rank DESC, x.id DESC LIMIT $${params.length}`,
      params,
    );
    return this.views(tx, rows);
  }

  async countAnswers(tx: EntityManager, openCallId: string): Promise<number> {
    const [{ n }]: Array<{ n: number }> = await tx.query(`SELECT count(*)::int AS n FROM pilots.open_call_answers WHERE open_call_id = $1`, [openCallId]);
    return n;
  }

  async close(tx: EntityManager, id: string, reason: OpenCallCloseReason, closedAt: Date): Promise<OpenCall> {
    const rows = await tx.query(
      `UPDATE pilots.open_calls SET state = 'closed', closed_reason = $2, closed_at = $3, version = version + 1, updated_at = now()
        WHERE id = $1
        RETURNING *`,
      [id, reason, closedAt],
    );
    // An UPDATE answers [rows, count] through TypeORM: returnedRows takes the rows.
    return entitiesFrom(tx, OpenCall, returnedRows<Record<string, unknown>>(rows))[0];
  }

  /**
   * Open calls whose answer deadline has passed, locked with SKIP LOCKED: instances sweeping at once
   * take different calls, and a call closed by one is no longer open for the next.
   */
  async claimPastDeadline(tx: EntityManager, now: Date, limit: number): Promise<OpenCall[]> {
    const rows = await tx.query(
      `SELECT c.* FROM pilots.open_calls c
        WHERE c.state = 'open' AND c.answer_deadline <= $1
        ORDER BY c.answer_deadline, c.id
        LIMIT $2
        FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    return entitiesFrom(tx, OpenCall, rows);
  }

  /** The startup's answer, unless it answered this call before (null: the unique pair already exists). */
  async insertAnswer(tx: EntityManager, a: { openCallId: string; startupId: string; proposal: string; answeredBy: string; answeredAt: Date }): Promise<OpenCallAnswer | null> {
    const rows = await tx.query(
      `INSERT INTO pilots.open_call_answers (open_call_id, startup_id, proposal, answered_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $5)
       ON CONFLICT (open_call_id, startup_id) DO NOTHING
       RETURNING *`,
      [a.openCallId, a.startupId, a.proposal, a.answeredBy, a.answeredAt],
    );
    return entityFrom(tx, OpenCallAnswer, rows);
  }

  async answerOf(tx: EntityManager, openCallId: string, startupId: string): Promise<OpenCallAnswer | null> {
    return tx.getRepository(OpenCallAnswer).findOneBy({ openCallId, startupId });
  }

  /** A page of answers, newest first: of one call (its host) or of one startup (its own). */
  async listAnswers(
    tx: EntityManager,
    filter: { openCallId?: string; startupId?: string; state?: OpenCallAnswerState; cursor: Keyset<typeof CREATED_AT_ID> | null; limit: number },
  ): Promise<AnswerView[]> {
    const params: unknown[] = [];
    const where = [keysetCondition(CREATED_AT_ID, ['a.created_at', 'a.id'], filter.cursor, params, 'DESC')];
    for (const [value, column] of [
      [filter.openCallId, 'a.open_call_id'],
      [filter.startupId, 'a.startup_id'],
      [filter.state, 'a.state'],
    ] as const) {
      if (value === undefined) continue;
      params.push(value);
      where.push(`${column} = $${params.length}`);
    }
    params.push(filter.limit + 1);
    const rows: AnswerRow[] = await tx.query(
      `SELECT a.*, c.title AS open_call_title, ${CURSOR_AT('a.created_at')} AS cursor_at
         FROM pilots.open_call_answers a JOIN pilots.open_calls c ON c.id = a.open_call_id
        WHERE ${where.join(' AND ')}
        ORDER BY a.created_at DESC, a.id DESC LIMIT $${params.length}`,
      params,
    );
    return this.answerViews(tx, rows);
  }

  /** An answer to a call of the host organisation, locked (another host's answer and an unknown id alike: null). */
  async findAnswerOfHost(tx: EntityManager, answerId: string, hostOrganisationId: string): Promise<AnswerView | null> {
    const rows: AnswerRow[] = await tx.query(
      `SELECT a.*, c.title AS open_call_title, ${CURSOR_AT('a.created_at')} AS cursor_at
         FROM pilots.open_call_answers a JOIN pilots.open_calls c ON c.id = a.open_call_id
        WHERE a.id = $1 AND c.host_organisation_id = $2
        FOR UPDATE OF a`,
      [answerId, hostOrganisationId],
    );
    return this.answerViews(tx, rows)[0] ?? null;
  }

  async decideAnswer(tx: EntityManager, id: string, state: OpenCallAnswerState, decidedBy: string, decidedAt: Date): Promise<OpenCallAnswer> {
    const rows = await tx.query(
      `UPDATE pilots.open_call_answers SET state = $2, decided_by = $3, decided_at = $4, version = version + 1, updated_at = now()
        WHERE id = $1 RETURNING *`,
      [id, state, decidedBy, decidedAt],
    );
    return entitiesFrom(tx, OpenCallAnswer, returnedRows<Record<string, unknown>>(rows))[0];
  }

  private views(tx: EntityManager, rows: CallRow[]): OpenCallView[] {
    const calls = entitiesFrom(tx, OpenCall, rows);
    return rows.map((row, i) => ({ call: calls[i], siteName: row.site_name, cursorAt: row.cursor_at, rank: row.rank === undefined ? undefined : Number(row.rank) }));
  }

  private answerViews(tx: EntityManager, rows: AnswerRow[]): AnswerView[] {
    const answers = entitiesFrom(tx, OpenCallAnswer, rows);
    return rows.map((row, i) => ({ answer: answers[i], openCallTitle: row.open_call_title, cursorAt: row.cursor_at }));
  }
}
