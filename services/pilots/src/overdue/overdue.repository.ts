import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface OverduePilot {
  id: string;
  startup_id: string;
  programme_id: string;
  site_id: string;
  host_organisation_id: string;
  planned_end_at: Date;
  level: 'overdue' | 'very_late';
}

@Injectable()
export class OverdueRepository {
  /**
   * Running pilots past their end date whose current lateness level was not flagged yet. Rows are
   * locked with SKIP LOCKED, so several instances sweeping at once each take different pilots and
   * no level is flagged twice.
   */
  async claim(tx: EntityManager, now: Date, veryLateDays: number, limit: number): Promise<OverduePilot[]> {
    return tx.query(
      `SELECT id, startup_id, programme_id, site_id, host_organisation_id, planned_end_at,
              CASE WHEN planned_end_at <= $1::timestamptz - make_interval(days => $2) THEN 'very_late' ELSE 'overdue' END AS level
         FROM pilots.pilots
        WHERE state = 'in_progress' AND planned_end_at < $1::timestamptz
          AND (report_overdue_at IS NULL
               OR (report_very_late_at IS NULL AND planned_end_at <= $1::timestamptz - make_interval(days => $2)))
        ORDER BY planned_end_at, id
        LIMIT $3
        FOR UPDATE SKIP LOCKED`,
      [now, veryLateDays, limit],
    );
  }

  async flag(tx: EntityManager, id: string, level: 'overdue' | 'very_late', now: Date): Promise<void> {
    // Very late implies overdue: a pilot first seen two weeks late gets both marks at once.
    await tx.query(
      level === 'very_late'
        ? `UPDATE pilots.pilots SET report_overdue_at = coalesce(report_overdue_at, $2), report_very_late_at = $2, version = version + 1, updated_at = now() WHERE id = $1`
        : `UPDATE pilots.pilots SET report_overdue_at = $2, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, now],
    );
  }
}
