import { Injectable } from '@nestjs/common';
import type { ApplicationState } from '@exchange/data';
import { DataSource } from 'typeorm';

export interface RankingRow {
  id: string;
  startup_id: string;
  name: string;
  name_latin: string;
  country: string;
  state: ApplicationState;
  score: number | null;
  reviews_completed: number;
  fast_track: boolean;
  version: number;
}

@Injectable()
export class DecisionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Best first; unscored last; ties broken by earlier submission (served by the score index). */
  ranking(programmeId: string, states: ApplicationState[], limit: number): Promise<RankingRow[]> {
    return this.dataSource.query(
      `SELECT a.id, a.startup_id, s.name, s.name_latin, s.country, a.state, a.score, a.reviews_completed, a.fast_track, a.version
       FROM applications.applications a JOIN applications.startups s ON s.id = a.startup_id
       WHERE a.programme_id = $1 AND a.state = ANY($2::text[])
       ORDER BY a.score DESC NULLS LAST, a.submitted_at ASC, a.id ASC LIMIT $3`,
      [programmeId, states, limit],
    );
  }
}
