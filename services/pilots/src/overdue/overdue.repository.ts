import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { entitiesFrom, Pilot } from '@exchange/data';

export type LatenessLevel = 'overdue' | 'very_late';

/** A running pilot past its end date (so `plannedEndAt` is set) and the lateness level it reached. */
export interface OverduePilot {
  pilot: Pilot & { plannedEndAt: Date };
  level: LatenessLevel;
}

@Injectable()
export class OverdueRepository {
  /**
   * Running pilots past their end date whose current lateness level was not flagged yet. Rows are
   * locked with SKIP LOCKED, so several instances sweeping at once each take different pilots and
   * no level is flagged twice.
   */
  async claim(tx: EntityManager, now: Date, veryLateDays: number, limit: number): Promise<OverduePilot[]> {
    const rows: Array<Record<string, unknown> & { level: LatenessLevel }> = await tx.query(
      `SELECT *,
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
    const pilots = entitiesFrom(tx, Pilot, rows) as OverduePilot['pilot'][];
    return rows.map((row, i) => ({ pilot: pilots[i], level: row.level }));
  }

  async flag(tx: EntityManager, id: string, level: LatenessLevel, now: Date): Promise<void> {
    // Very late implies overdue: a pilot first seen two weeks late gets both marks at once.
    await tx.query(
      level === 'very_late'
        ? `UPDATE pilots.pilots SET report_overdue_at = coalesce(report_overdue_at, $2), report_very_late_at = $2, version = version + 1, updated_at = now() WHERE id = $1`
        : `UPDATE pilots.pilots SET report_overdue_at = $2, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, now],
    );
  }
}
