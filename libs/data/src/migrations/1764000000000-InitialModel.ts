import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The complete initial data model: schemas identity, applications, pilots, cohorts and
 * notifications; an outbox and an inbox (with a NOTIFY trigger) in every service schema.
 *
 * Frozen: never edit a migration that has been merged; add a new one instead.
 */

const SERVICE_SCHEMAS = ['applications', 'pilots', 'cohorts', 'notifications'];

const iso2 = (col: string) => `${col} ~ '^[A-Z]{2}$'`;

function messagingTables(schema: string): string[] {
  return [
    `CREATE TABLE ${schema}.outbox (
      id uuid PRIMARY KEY,
      seq bigserial NOT NULL UNIQUE,
      topic text NOT NULL,
      key text NOT NULL,
      type text NOT NULL,
      source text NOT NULL,
      subject text NULL,
      time timestamptz NOT NULL,
      headers jsonb NOT NULL DEFAULT '{}',
      payload jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz NULL
    )`,
    `CREATE INDEX outbox_unpublished_seq_idx ON ${schema}.outbox (seq) WHERE published_at IS NULL`,
    `CREATE INDEX outbox_published_at_idx ON ${schema}.outbox (published_at) WHERE published_at IS NOT NULL`,
    `CREATE TABLE ${schema}.inbox (
      consumer text NOT NULL,
      event_id uuid NOT NULL,
      topic text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`,
    `CREATE INDEX inbox_received_at_idx ON ${schema}.inbox (received_at)`,
    `CREATE FUNCTION ${schema}.notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('${schema}_outbox', '');
      RETURN NULL;
    END
    $$`,
    `CREATE TRIGGER outbox_notify AFTER INSERT ON ${schema}.outbox
      FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.notify_outbox()`,
  ];
}

const IDENTITY = [
  `CREATE SCHEMA identity`,
  `CREATE TABLE identity.organisations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL CHECK (btrim(name) <> ''),
    name_latin text NULL,
    kind text NOT NULL CHECK (kind IN ('organising_agency', 'partner_agency', 'host', 'accelerator', 'other')),
    country char(2) NOT NULL CHECK (${iso2('country')}),
    city text NULL,
    preferred_language text NOT NULL DEFAULT 'en' CHECK (preferred_language IN ('en', 'ko', 'ru')),
    website text NULL,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX organisations_created_at_id_idx ON identity.organisations (created_at, id)`,
  `CREATE INDEX organisations_name_trgm_idx ON identity.organisations USING gin (lower(name) gin_trgm_ops)`,
  `CREATE INDEX organisations_name_latin_trgm_idx ON identity.organisations USING gin (lower(name_latin) gin_trgm_ops)`,

  `CREATE TABLE identity.principals (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    role text NOT NULL CHECK (role IN ('admin', 'programme_manager', 'reviewer', 'host', 'partner_agency', 'startup')),
    organisation_id uuid NULL REFERENCES identity.organisations (id),
    startup_id uuid NULL,
    display_name text NOT NULL,
    email text NULL,
    preferred_language text NULL CHECK (preferred_language IN ('en', 'ko', 'ru')),
    state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'disabled')),
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT principals_tenant_ck CHECK (
      (role = 'startup' AND startup_id IS NOT NULL AND organisation_id IS NULL)
      OR (role <> 'startup' AND organisation_id IS NOT NULL AND startup_id IS NULL)
    )
  )`,
  `CREATE UNIQUE INDEX principals_startup_uq ON identity.principals (startup_id) WHERE startup_id IS NOT NULL`,
  `CREATE UNIQUE INDEX principals_org_email_uq ON identity.principals (organisation_id, lower(email)) WHERE email IS NOT NULL AND organisation_id IS NOT NULL`,
  `CREATE INDEX principals_organisation_role_idx ON identity.principals (organisation_id, role)`,
  `CREATE INDEX principals_created_at_id_idx ON identity.principals (created_at, id)`,

  `CREATE TABLE identity.api_keys (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    prefix text NOT NULL UNIQUE CHECK (length(prefix) BETWEEN 4 AND 32),
    hash text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$'),
    principal_id uuid NOT NULL REFERENCES identity.principals (id),
    role text NOT NULL CHECK (role IN ('admin', 'programme_manager', 'reviewer', 'host', 'partner_agency', 'startup')),
    organisation_id uuid NULL REFERENCES identity.organisations (id),
    startup_id uuid NULL,
    label text NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz NULL,
    expires_at timestamptz NULL,
    revoked_at timestamptz NULL,
    created_by uuid NULL REFERENCES identity.principals (id),
    CONSTRAINT api_keys_tenant_ck CHECK ((organisation_id IS NULL) <> (startup_id IS NULL)),
    CONSTRAINT api_keys_startup_role_ck CHECK ((role = 'startup') = (startup_id IS NOT NULL))
  )`,
  `CREATE INDEX api_keys_principal_idx ON identity.api_keys (principal_id)`,
  `CREATE INDEX api_keys_organisation_idx ON identity.api_keys (organisation_id) WHERE organisation_id IS NOT NULL`,

  `CREATE TABLE identity.audit_log (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    service text NOT NULL,
    actor_principal_id uuid NULL,
    actor_role text NULL,
    actor_organisation_id uuid NULL,
    action text NOT NULL,
    entity_type text NOT NULL,
    entity_id uuid NULL,
    before jsonb NULL,
    after jsonb NULL,
    request_id text NULL,
    at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX audit_log_entity_idx ON identity.audit_log (entity_type, entity_id, at)`,
  `CREATE INDEX audit_log_actor_idx ON identity.audit_log (actor_principal_id, at)`,
  `CREATE INDEX audit_log_at_id_idx ON identity.audit_log (at, id)`,

  `CREATE TABLE identity.idempotency_keys (
    scope text NOT NULL,
    key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    request_hash text NOT NULL,
    response_status integer NULL CHECK (response_status BETWEEN 100 AND 599),
    response_body jsonb NULL,
    response_headers jsonb NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL DEFAULT now() + interval '24 hours',
    PRIMARY KEY (scope, key)
  )`,
  `CREATE INDEX idempotency_keys_expires_at_idx ON identity.idempotency_keys (expires_at)`,
];

const APPLICATIONS = [
  `CREATE SCHEMA applications`,
  `CREATE TABLE applications.startups (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL CHECK (btrim(name) <> ''),
    name_latin text NOT NULL CHECK (btrim(name_latin) <> ''),
    country char(2) NOT NULL CHECK (${iso2('country')}),
    registration_number text NOT NULL CHECK (btrim(registration_number) <> ''),
    technology_fields text[] NOT NULL DEFAULT '{}',
    trl smallint NOT NULL CHECK (trl BETWEEN 1 AND 9),
    team jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(team) = 'array'),
    contact jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(contact) = 'object'),
    languages text[] NOT NULL DEFAULT '{}',
    description text NULL,
    founded_at timestamptz NULL,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE UNIQUE INDEX startups_registration_uq ON applications.startups (country, registration_number)`,
  `CREATE INDEX startups_created_at_id_idx ON applications.startups (created_at, id)`,
  `CREATE INDEX startups_name_trgm_idx ON applications.startups USING gin (lower(name) gin_trgm_ops)`,
  `CREATE INDEX startups_name_latin_trgm_idx ON applications.startups USING gin (lower(name_latin) gin_trgm_ops)`,
  `CREATE INDEX startups_technology_fields_idx ON applications.startups USING gin (technology_fields)`,
  `CREATE INDEX startups_country_idx ON applications.startups (country)`,
  // identity.principals.startup_id refers to a startup (both written by the applications service).
  `ALTER TABLE identity.principals ADD CONSTRAINT principals_startup_fk FOREIGN KEY (startup_id) REFERENCES applications.startups (id)`,
  `ALTER TABLE identity.api_keys ADD CONSTRAINT api_keys_startup_fk FOREIGN KEY (startup_id) REFERENCES applications.startups (id)`,

  `CREATE TABLE applications.certifications (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    startup_id uuid NOT NULL REFERENCES applications.startups (id) ON DELETE CASCADE,
    kind text NOT NULL,
    issuer text NOT NULL,
    issuer_organisation_id uuid NULL REFERENCES identity.organisations (id),
    grade text NULL,
    certificate_number text NULL,
    valid_from timestamptz NOT NULL,
    valid_until timestamptz NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT certifications_validity_ck CHECK (valid_until IS NULL OR valid_until > valid_from)
  )`,
  `CREATE INDEX certifications_startup_idx ON applications.certifications (startup_id, kind)`,

  `CREATE TABLE applications.programmes (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organiser_organisation_id uuid NOT NULL REFERENCES identity.organisations (id),
    partner_organisation_ids uuid[] NOT NULL DEFAULT '{}',
    name text NOT NULL CHECK (btrim(name) <> ''),
    name_latin text NULL,
    description text NULL,
    kind text NOT NULL CHECK (kind IN ('pilot', 'accelerator')),
    state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published', 'closed', 'archived')),
    host_country char(2) NOT NULL CHECK (${iso2('host_country')}),
    host_city text NOT NULL,
    time_zone text NOT NULL,
    window_opens_at timestamptz NOT NULL,
    window_closes_at timestamptz NOT NULL,
    capacity integer NULL CHECK (capacity > 0),
    eligible_countries text[] NOT NULL DEFAULT '{}',
    eligible_technology_fields text[] NOT NULL DEFAULT '{}',
    min_trl smallint NOT NULL DEFAULT 1 CHECK (min_trl BETWEEN 1 AND 9),
    max_trl smallint NOT NULL DEFAULT 9 CHECK (max_trl BETWEEN 1 AND 9),
    required_certification_kind text NULL,
    required_certification_grades text[] NOT NULL DEFAULT '{}',
    max_company_age_years integer NULL CHECK (max_company_age_years > 0),
    rubric_criteria jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(rubric_criteria) = 'array'),
    score_scale_min smallint NOT NULL DEFAULT 1,
    score_scale_max smallint NOT NULL DEFAULT 10,
    reviews_required smallint NOT NULL DEFAULT 3 CHECK (reviews_required BETWEEN 1 AND 20),
    blind_review boolean NOT NULL DEFAULT false,
    normalisation text NOT NULL DEFAULT 'none' CHECK (normalisation IN ('none', 'z_score')),
    created_by uuid NULL REFERENCES identity.principals (id),
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT programmes_window_ck CHECK (window_closes_at > window_opens_at),
    CONSTRAINT programmes_trl_range_ck CHECK (min_trl <= max_trl),
    CONSTRAINT programmes_scale_ck CHECK (score_scale_min < score_scale_max)
  )`,
  `CREATE INDEX programmes_organiser_idx ON applications.programmes (organiser_organisation_id)`,
  `CREATE INDEX programmes_partners_idx ON applications.programmes USING gin (partner_organisation_ids)`,
  `CREATE INDEX programmes_created_at_id_idx ON applications.programmes (created_at, id)`,
  `CREATE INDEX programmes_name_trgm_idx ON applications.programmes USING gin (lower(name) gin_trgm_ops)`,

  `CREATE TABLE applications.applications (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    programme_id uuid NOT NULL REFERENCES applications.programmes (id),
    startup_id uuid NOT NULL REFERENCES applications.startups (id),
    state text NOT NULL DEFAULT 'draft'
      CHECK (state IN ('draft', 'submitted', 'under_review', 'accepted', 'rejected', 'waitlisted', 'withdrawn')),
    answers jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(answers) = 'object'),
    score double precision NULL,
    score_details jsonb NULL,
    reviews_completed integer NOT NULL DEFAULT 0 CHECK (reviews_completed >= 0),
    submitted_at timestamptz NULL,
    decided_at timestamptz NULL,
    decided_by uuid NULL REFERENCES identity.principals (id),
    decision_reason text NULL,
    withdrawn_at timestamptz NULL,
    fast_track boolean NOT NULL DEFAULT false,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  // One active (not withdrawn) application per startup and programme.
  `CREATE UNIQUE INDEX applications_active_uq ON applications.applications (startup_id, programme_id) WHERE state <> 'withdrawn'`,
  `CREATE INDEX applications_programme_state_idx ON applications.applications (programme_id, state, created_at, id)`,
  `CREATE INDEX applications_programme_score_idx ON applications.applications (programme_id, score DESC NULLS LAST, id)`,
  `CREATE INDEX applications_startup_idx ON applications.applications (startup_id, created_at, id)`,
  `CREATE INDEX applications_created_at_id_idx ON applications.applications (created_at, id)`,

  `CREATE TABLE applications.application_status_history (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    application_id uuid NOT NULL REFERENCES applications.applications (id) ON DELETE CASCADE,
    from_state text NULL,
    to_state text NOT NULL
      CHECK (to_state IN ('draft', 'submitted', 'under_review', 'accepted', 'rejected', 'waitlisted', 'withdrawn')),
    reason text NULL,
    actor_principal_id uuid NULL,
    at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX application_status_history_app_idx ON applications.application_status_history (application_id, at, id)`,

  `CREATE TABLE applications.review_assignments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    application_id uuid NOT NULL REFERENCES applications.applications (id) ON DELETE CASCADE,
    programme_id uuid NOT NULL REFERENCES applications.programmes (id),
    reviewer_principal_id uuid NOT NULL REFERENCES identity.principals (id),
    assigned_by uuid NULL REFERENCES identity.principals (id),
    due_at timestamptz NOT NULL,
    state text NOT NULL DEFAULT 'assigned' CHECK (state IN ('assigned', 'submitted', 'abstained', 'recused')),
    completed_at timestamptz NULL,
    recusal_reason text NULL,
    overdue_notified_at timestamptz NULL,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT review_assignments_uq UNIQUE (application_id, reviewer_principal_id)
  )`,
  `CREATE INDEX review_assignments_reviewer_idx ON applications.review_assignments (reviewer_principal_id, state, due_at)`,
  `CREATE INDEX review_assignments_programme_idx ON applications.review_assignments (programme_id, reviewer_principal_id, state)`,
  `CREATE INDEX review_assignments_due_idx ON applications.review_assignments (due_at) WHERE state = 'assigned' AND overdue_notified_at IS NULL`,

  `CREATE TABLE applications.reviews (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    assignment_id uuid NOT NULL UNIQUE REFERENCES applications.review_assignments (id) ON DELETE CASCADE,
    application_id uuid NOT NULL REFERENCES applications.applications (id) ON DELETE CASCADE,
    programme_id uuid NOT NULL REFERENCES applications.programmes (id),
    reviewer_principal_id uuid NOT NULL REFERENCES identity.principals (id),
    abstained boolean NOT NULL DEFAULT false,
    abstain_reason text NULL,
    scores jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(scores) = 'array'),
    weighted_score double precision NULL,
    comment text NULL,
    submitted_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT reviews_abstain_ck CHECK (abstained OR weighted_score IS NOT NULL)
  )`,
  `CREATE INDEX reviews_application_idx ON applications.reviews (application_id)`,
  `CREATE INDEX reviews_programme_reviewer_idx ON applications.reviews (programme_id, reviewer_principal_id)`,

  `CREATE TABLE applications.conflicts_of_interest (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    reviewer_principal_id uuid NOT NULL REFERENCES identity.principals (id),
    startup_id uuid NOT NULL REFERENCES applications.startups (id),
    application_id uuid NULL REFERENCES applications.applications (id) ON DELETE CASCADE,
    reason text NULL,
    declared_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE UNIQUE INDEX conflicts_of_interest_uq ON applications.conflicts_of_interest (reviewer_principal_id, startup_id, application_id) NULLS NOT DISTINCT`,
  `CREATE INDEX conflicts_of_interest_startup_idx ON applications.conflicts_of_interest (startup_id)`,

  `CREATE TABLE applications.alumni_records (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    startup_id uuid NOT NULL REFERENCES applications.startups (id),
    cohort_id uuid NOT NULL,
    programme_id uuid NULL,
    organisation_id uuid NOT NULL REFERENCES identity.organisations (id),
    graduated_at timestamptz NOT NULL,
    note text NULL,
    source_event_id uuid NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT alumni_records_uq UNIQUE (startup_id, cohort_id)
  )`,
  `CREATE INDEX alumni_records_org_idx ON applications.alumni_records (organisation_id, startup_id)`,
  ...messagingTables('applications'),
];

const PILOTS = [
  `CREATE SCHEMA pilots`,
  `CREATE TABLE pilots.candidates (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    application_id uuid NOT NULL UNIQUE,
    programme_id uuid NOT NULL,
    startup_id uuid NOT NULL,
    startup_name text NOT NULL,
    startup_name_latin text NOT NULL,
    country char(2) NOT NULL CHECK (${iso2('country')}),
    technology_fields text[] NOT NULL DEFAULT '{}',
    trl smallint NOT NULL CHECK (trl BETWEEN 1 AND 9),
    languages text[] NOT NULL DEFAULT '{}',
    score double precision NULL,
    programme_organisation_ids uuid[] NOT NULL DEFAULT '{}',
    state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'matched', 'closed')),
    accepted_at timestamptz NOT NULL,
    source_event_id uuid NULL,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX candidates_programme_state_idx ON pilots.candidates (programme_id, state)`,
  `CREATE INDEX candidates_startup_idx ON pilots.candidates (startup_id)`,
  `CREATE INDEX candidates_created_at_id_idx ON pilots.candidates (created_at, id)`,

  `CREATE TABLE pilots.pilot_sites (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    host_organisation_id uuid NOT NULL REFERENCES identity.organisations (id),
    name text NOT NULL CHECK (btrim(name) <> ''),
    name_latin text NULL,
    problem_statement text NOT NULL,
    technology_fields text[] NOT NULL DEFAULT '{}',
    needs text[] NOT NULL DEFAULT '{}',
    country char(2) NOT NULL CHECK (${iso2('country')}),
    city text NOT NULL,
    address text NULL,
    time_zone text NOT NULL,
    min_trl smallint NOT NULL DEFAULT 1 CHECK (min_trl BETWEEN 1 AND 9),
    max_trl smallint NOT NULL DEFAULT 9 CHECK (max_trl BETWEEN 1 AND 9),
    languages text[] NOT NULL DEFAULT '{}',
    capacity integer NOT NULL CHECK (capacity > 0),
    active_pilots integer NOT NULL DEFAULT 0,
    available_from timestamptz NULL,
    available_until timestamptz NULL,
    programme_ids uuid[] NOT NULL DEFAULT '{}',
    state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'paused', 'archived')),
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pilot_sites_trl_range_ck CHECK (min_trl <= max_trl),
    CONSTRAINT pilot_sites_capacity_ck CHECK (active_pilots BETWEEN 0 AND capacity),
    CONSTRAINT pilot_sites_dates_ck CHECK (available_until IS NULL OR available_from IS NULL OR available_until > available_from)
  )`,
  `CREATE INDEX pilot_sites_host_idx ON pilots.pilot_sites (host_organisation_id)`,
  `CREATE INDEX pilot_sites_programmes_idx ON pilots.pilot_sites USING gin (programme_ids)`,
  `CREATE INDEX pilot_sites_fields_idx ON pilots.pilot_sites USING gin (technology_fields)`,
  `CREATE INDEX pilot_sites_created_at_id_idx ON pilots.pilot_sites (created_at, id)`,
  `CREATE INDEX pilot_sites_name_trgm_idx ON pilots.pilot_sites USING gin (lower(name) gin_trgm_ops)`,

  `CREATE TABLE pilots.match_proposals (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    candidate_id uuid NOT NULL REFERENCES pilots.candidates (id),
    site_id uuid NOT NULL REFERENCES pilots.pilot_sites (id),
    startup_id uuid NOT NULL,
    programme_id uuid NOT NULL,
    application_id uuid NOT NULL,
    score double precision NOT NULL,
    score_components jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(score_components) = 'array'),
    state text NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'approved', 'declined', 'superseded')),
    decided_by uuid NULL,
    decided_at timestamptz NULL,
    decision_reason text NULL,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT match_proposals_pair_uq UNIQUE (candidate_id, site_id)
  )`,
  `CREATE INDEX match_proposals_site_idx ON pilots.match_proposals (site_id, state, score DESC)`,
  `CREATE INDEX match_proposals_programme_idx ON pilots.match_proposals (programme_id, state, score DESC, id)`,
  `CREATE INDEX match_proposals_startup_idx ON pilots.match_proposals (startup_id, created_at, id)`,

  `CREATE TABLE pilots.pilots (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    proposal_id uuid NOT NULL UNIQUE REFERENCES pilots.match_proposals (id),
    site_id uuid NOT NULL REFERENCES pilots.pilot_sites (id),
    candidate_id uuid NOT NULL REFERENCES pilots.candidates (id),
    startup_id uuid NOT NULL,
    programme_id uuid NOT NULL,
    application_id uuid NOT NULL,
    host_organisation_id uuid NOT NULL REFERENCES identity.organisations (id),
    state text NOT NULL DEFAULT 'approved' CHECK (state IN ('approved', 'scheduled', 'in_progress', 'completed', 'cancelled')),
    success_criteria jsonb NOT NULL
      CHECK (jsonb_typeof(success_criteria) = 'array' AND jsonb_array_length(success_criteria) >= 1),
    duration_days integer NOT NULL CHECK (duration_days > 0),
    host_owner_name text NOT NULL CHECK (btrim(host_owner_name) <> ''),
    host_owner_email text NULL,
    host_owner_principal_id uuid NULL REFERENCES identity.principals (id),
    approved_by uuid NULL,
    approved_at timestamptz NOT NULL DEFAULT now(),
    planned_start_at timestamptz NULL,
    planned_end_at timestamptz NULL,
    started_at timestamptz NULL,
    completed_at timestamptz NULL,
    cancelled_at timestamptz NULL,
    cancel_reason text NULL,
    report_overdue_at timestamptz NULL,
    report_very_late_at timestamptz NULL,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pilots_planned_dates_ck CHECK (planned_end_at IS NULL OR planned_start_at IS NULL OR planned_end_at > planned_start_at)
  )`,
  `CREATE INDEX pilots_site_state_idx ON pilots.pilots (site_id, state)`,
  `CREATE INDEX pilots_host_idx ON pilots.pilots (host_organisation_id, created_at, id)`,
  `CREATE INDEX pilots_programme_idx ON pilots.pilots (programme_id, state)`,
  `CREATE INDEX pilots_startup_idx ON pilots.pilots (startup_id, created_at, id)`,
  `CREATE INDEX pilots_in_progress_end_idx ON pilots.pilots (planned_end_at) WHERE state = 'in_progress'`,

  `CREATE TABLE pilots.final_reports (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    pilot_id uuid NOT NULL UNIQUE REFERENCES pilots.pilots (id),
    outcome text NOT NULL CHECK (outcome IN ('success', 'partial', 'failure')),
    measured_results jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(measured_results) = 'array'),
    feedback text NULL,
    adoption text NOT NULL CHECK (adoption IN ('deploy', 'buy', 'extend', 'none')),
    contract_value numeric(18, 2) NULL CHECK (contract_value >= 0),
    contract_currency char(3) NULL CHECK (contract_currency ~ '^[A-Z]{3}$'),
    filed_by uuid NULL,
    filed_at timestamptz NOT NULL DEFAULT now()
  )`,
  ...messagingTables('pilots'),
];

const COHORTS = [
  `CREATE SCHEMA cohorts`,
  `CREATE TABLE cohorts.candidates (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    startup_id uuid NOT NULL,
    programme_id uuid NULL,
    application_id uuid NULL,
    source text NOT NULL CHECK (source IN ('application', 'pilot')),
    startup_name text NOT NULL,
    startup_name_latin text NOT NULL,
    country char(2) NOT NULL CHECK (${iso2('country')}),
    technology_fields text[] NOT NULL DEFAULT '{}',
    trl smallint NULL CHECK (trl BETWEEN 1 AND 9),
    score double precision NULL,
    pilot_outcomes jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(pilot_outcomes) = 'array'),
    has_successful_pilot boolean NOT NULL DEFAULT false,
    pitch_group text NULL,
    programme_organisation_ids uuid[] NOT NULL DEFAULT '{}',
    accepted_at timestamptz NULL,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE UNIQUE INDEX candidates_startup_programme_uq ON cohorts.candidates (startup_id, programme_id) NULLS NOT DISTINCT`,
  `CREATE INDEX candidates_programme_idx ON cohorts.candidates (programme_id, score DESC NULLS LAST)`,
  `CREATE INDEX candidates_created_at_id_idx ON cohorts.candidates (created_at, id)`,

  `CREATE TABLE cohorts.cohorts (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    programme_id uuid NOT NULL,
    organiser_organisation_id uuid NOT NULL REFERENCES identity.organisations (id),
    partner_organisation_ids uuid[] NOT NULL DEFAULT '{}',
    name text NOT NULL CHECK (btrim(name) <> ''),
    name_latin text NULL,
    host_country char(2) NOT NULL CHECK (${iso2('host_country')}),
    host_city text NOT NULL,
    time_zone text NOT NULL,
    language text NOT NULL,
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    capacity integer NOT NULL CHECK (capacity > 0),
    offer_ttl_hours integer NOT NULL DEFAULT 168 CHECK (offer_ttl_hours > 0),
    offer_deadline_at timestamptz NULL,
    selection_rule jsonb NOT NULL CHECK (jsonb_typeof(selection_rule) = 'object'),
    state text NOT NULL DEFAULT 'planning' CHECK (state IN ('planning', 'selecting', 'in_progress', 'graduated', 'cancelled')),
    selected_at timestamptz NULL,
    started_at timestamptz NULL,
    graduated_at timestamptz NULL,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT cohorts_dates_ck CHECK (ends_at > starts_at)
  )`,
  `CREATE INDEX cohorts_programme_idx ON cohorts.cohorts (programme_id)`,
  `CREATE INDEX cohorts_organiser_idx ON cohorts.cohorts (organiser_organisation_id)`,
  `CREATE INDEX cohorts_partners_idx ON cohorts.cohorts USING gin (partner_organisation_ids)`,
  `CREATE INDEX cohorts_created_at_id_idx ON cohorts.cohorts (created_at, id)`,

  `CREATE TABLE cohorts.members (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    cohort_id uuid NOT NULL REFERENCES cohorts.cohorts (id) ON DELETE CASCADE,
    candidate_id uuid NOT NULL REFERENCES cohorts.candidates (id),
    startup_id uuid NOT NULL,
    group_key text NOT NULL,
    rank integer NOT NULL CHECK (rank >= 1),
    score double precision NULL,
    state text NOT NULL CHECK (state IN ('offered', 'accepted', 'declined', 'expired', 'waitlisted', 'dropped_out', 'graduated', 'not_graduated')),
    offered_at timestamptz NULL,
    offer_deadline_at timestamptz NULL,
    responded_at timestamptz NULL,
    graduation_note text NULL,
    graduated_at timestamptz NULL,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT members_cohort_startup_uq UNIQUE (cohort_id, startup_id),
    CONSTRAINT members_offer_deadline_ck CHECK (state <> 'offered' OR offer_deadline_at IS NOT NULL)
  )`,
  `CREATE INDEX members_cohort_group_idx ON cohorts.members (cohort_id, group_key, state, rank)`,
  `CREATE INDEX members_startup_idx ON cohorts.members (startup_id)`,
  `CREATE INDEX members_offer_deadline_idx ON cohorts.members (offer_deadline_at) WHERE state = 'offered'`,
  ...messagingTables('cohorts'),
];

const NOTIFICATIONS = [
  `CREATE SCHEMA notifications`,
  `CREATE TABLE notifications.webhook_endpoints (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organisation_id uuid NOT NULL REFERENCES identity.organisations (id),
    url text NOT NULL CHECK (url ~* '^https?://'),
    description text NULL,
    event_types text[] NOT NULL DEFAULT '{}',
    secret text NOT NULL CHECK (secret LIKE 'whsec\\_%'),
    previous_secret text NULL CHECK (previous_secret LIKE 'whsec\\_%'),
    previous_secret_expires_at timestamptz NULL,
    state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'paused', 'disabled')),
    disabled_reason text NULL,
    disabled_at timestamptz NULL,
    last_success_at timestamptz NULL,
    failing_since timestamptz NULL,
    created_by uuid NULL,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz NULL,
    CONSTRAINT webhook_endpoints_previous_secret_ck CHECK ((previous_secret IS NULL) = (previous_secret_expires_at IS NULL))
  )`,
  `CREATE INDEX webhook_endpoints_org_idx ON notifications.webhook_endpoints (organisation_id, created_at, id) WHERE deleted_at IS NULL`,
  `CREATE INDEX webhook_endpoints_active_idx ON notifications.webhook_endpoints (state) WHERE deleted_at IS NULL`,

  `CREATE TABLE notifications.events (
    id uuid PRIMARY KEY,
    type text NOT NULL,
    source text NOT NULL,
    subject text NULL,
    topic text NOT NULL,
    key text NULL,
    time timestamptz NOT NULL,
    programme_id uuid NULL,
    organisation_ids uuid[] NOT NULL DEFAULT '{}',
    data jsonb NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX events_time_idx ON notifications.events (time, id)`,
  `CREATE INDEX events_type_time_idx ON notifications.events (type, time)`,
  `CREATE INDEX events_organisations_idx ON notifications.events USING gin (organisation_ids)`,

  `CREATE TABLE notifications.deliveries (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    endpoint_id uuid NOT NULL REFERENCES notifications.webhook_endpoints (id) ON DELETE CASCADE,
    event_id uuid NOT NULL REFERENCES notifications.events (id),
    event_type text NOT NULL,
    event_time timestamptz NOT NULL,
    state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'succeeded', 'failed', 'cancelled')),
    attempt_count integer NOT NULL DEFAULT 0 CHECK (attempt_count >= 0),
    next_attempt_at timestamptz NULL,
    last_attempt_at timestamptz NULL,
    last_status_code integer NULL,
    last_error text NULL,
    succeeded_at timestamptz NULL,
    failed_at timestamptz NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT deliveries_endpoint_event_uq UNIQUE (endpoint_id, event_id)
  )`,
  `CREATE INDEX deliveries_endpoint_created_idx ON notifications.deliveries (endpoint_id, created_at, id)`,
  `CREATE INDEX deliveries_endpoint_state_idx ON notifications.deliveries (endpoint_id, state, event_time)`,
  `CREATE INDEX deliveries_due_idx ON notifications.deliveries (next_attempt_at) WHERE state = 'pending'`,
  `CREATE INDEX deliveries_event_idx ON notifications.deliveries (event_id)`,

  `CREATE TABLE notifications.delivery_attempts (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    delivery_id uuid NOT NULL REFERENCES notifications.deliveries (id) ON DELETE CASCADE,
    attempt_number integer NOT NULL CHECK (attempt_number >= 1),
    started_at timestamptz NOT NULL,
    status_code integer NULL CHECK (status_code BETWEEN 100 AND 599),
    latency_ms integer NOT NULL CHECK (latency_ms >= 0),
    response_excerpt text NULL CHECK (char_length(response_excerpt) <= 4096),
    error text NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT delivery_attempts_uq UNIQUE (delivery_id, attempt_number)
  )`,
  ...messagingTables('notifications'),
];

export class InitialModel1764000000000 implements MigrationInterface {
  name = 'InitialModel1764000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    for (const sql of [...IDENTITY, ...APPLICATIONS, ...PILOTS, ...COHORTS, ...NOTIFICATIONS]) {
      await queryRunner.query(sql);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // pg_trgm stays: other databases objects may use it and it is harmless.
    for (const schema of [...SERVICE_SCHEMAS.slice().reverse(), 'identity']) {
      await queryRunner.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    }
  }
}
