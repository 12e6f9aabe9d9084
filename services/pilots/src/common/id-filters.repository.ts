import type { EntityManager } from 'typeorm';
import { unresolvedIdFilters as unresolvedFilters, type FieldError, type IdVisibility } from '@exchange/platform';
import type { AccessScope } from './access';

export interface IdFilters {
  programmeId?: string;
  siteId?: string;
  startupId?: string;
}

type Check = (scope: AccessScope, id: string) => { sql: string; params: unknown[] };

/**
 * An id in a list's query is resolved like a path id (DESIGN.md §9): it must name something the
 * caller may see. For each filter, the SQL that finds it within the caller's scope.
 */
const CHECKS: Record<keyof IdFilters, Check> = {
  programmeId: (scope, id) => {
    switch (scope.kind) {
      case 'all':
        return { sql: 'SELECT 1 FROM pilots.programmes WHERE id = $1', params: [id] };
      case 'programme':
        return { sql: 'SELECT 1 FROM pilots.programmes WHERE id = $1 AND ($2::uuid = organiser_org_id OR $2::uuid = ANY (partner_org_ids))', params: [id, scope.organisationId] };
      case 'host':
        return { sql: 'SELECT 1 FROM pilots.pilot_sites WHERE host_organisation_id = $2 AND $1::uuid = ANY (programme_ids)', params: [id, scope.organisationId] };
      case 'startup':
        return { sql: 'SELECT 1 FROM pilots.candidates WHERE programme_id = $1 AND startup_id = $2', params: [id, scope.startupId] };
      case 'none':
        return { sql: 'SELECT 1 WHERE false', params: [] };
    }
  },
  siteId: (scope, id) => {
    switch (scope.kind) {
      case 'all':
      case 'programme':
        // Sites are published to every programme's people.
        return { sql: 'SELECT 1 FROM pilots.pilot_sites WHERE id = $1', params: [id] };
      case 'host':
        return { sql: 'SELECT 1 FROM pilots.pilot_sites WHERE id = $1 AND host_organisation_id = $2', params: [id, scope.organisationId] };
      case 'startup':
        return { sql: 'SELECT 1 FROM pilots.match_proposals WHERE site_id = $1 AND startup_id = $2', params: [id, scope.startupId] };
      case 'none':
        return { sql: 'SELECT 1 WHERE false', params: [] };
    }
  },
  startupId: (scope, id) => {
    switch (scope.kind) {
      case 'all':
        return { sql: 'SELECT 1 FROM pilots.candidates WHERE startup_id = $1', params: [id] };
      case 'programme':
        return { sql: 'SELECT 1 FROM pilots.candidates WHERE startup_id = $1 AND $2::uuid = ANY (programme_organisation_ids)', params: [id, scope.organisationId] };
      case 'host':
        return {
          sql: 'SELECT 1 FROM pilots.match_proposals p JOIN pilots.pilot_sites s ON s.id = p.site_id WHERE p.startup_id = $1 AND s.host_organisation_id = $2',
          params: [id, scope.organisationId],
        };
      case 'startup':
        return { sql: 'SELECT 1 WHERE $1::uuid = $2::uuid', params: [id, scope.startupId] };
      case 'none':
        return { sql: 'SELECT 1 WHERE false', params: [] };
    }
  },
};

/** The id filters that name nothing the scope may see: another tenant's object and an unknown id alike. */
export function unresolvedIdFilters(tx: EntityManager, scope: AccessScope, filters: IdFilters): Promise<FieldError[]> {
  const visible =
    (field: keyof IdFilters): IdVisibility =>
    async (id) => {
      const { sql, params } = CHECKS[field](scope, id);
      const rows: unknown[] = await tx.query(`${sql} LIMIT 1`, params);
      return rows.length > 0;
    };
  return unresolvedFilters(filters, { programmeId: visible('programmeId'), siteId: visible('siteId'), startupId: visible('startupId') });
}
