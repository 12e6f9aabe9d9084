import { Injectable } from '@nestjs/common';
import { Application, entitiesFrom, Startup, type ApplicationState } from '@exchange/data';
import { DataSource } from 'typeorm';

/** A ranked application with the startup columns the ranking shows. */
export interface Ranked {
  application: Pick<Application, 'id' | 'startupId' | 'state' | 'score' | 'scoreDetails' | 'reviewsCompleted' | 'fastTrack' | 'version'>;
  startup: Pick<Startup, 'name' | 'nameLatin' | 'country'>;
}

@Injectable()
export class DecisionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Best first; unscored last; ties broken by earlier submission (served by the score index). */
  async ranking(programmeId: string, states: ApplicationState[], limit: number): Promise<Ranked[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT a.id, a.startup_id, a.state, a.score, a.score_details, a.reviews_completed, a.fast_track, a.version,
              s.name AS s_name, s.name_latin AS s_name_latin, s.country AS s_country
       FROM applications.applications a JOIN applications.startups s ON s.id = a.startup_id
       WHERE a.programme_id = $1 AND a.state = ANY($2::text[])
       ORDER BY a.score DESC NULLS LAST, a.submitted_at ASC, a.id ASC LIMIT $3`,
      [programmeId, states, limit],
    );
    const applications = entitiesFrom(this.dataSource.manager, Application, rows);
    const startups = entitiesFrom(this.dataSource.manager, Startup, rows, 's_');
    return applications.map((application, i) => ({ application, startup: startups[i]! }));
  }
}
