-- Tables the backfill writes besides the masters (SPEC §7, columns as in the seed note).

CREATE TABLE IF NOT EXISTS marketing.backfill_run (
  process_id text PRIMARY KEY,
  worker_id text NOT NULL,
  csv_path text NOT NULL,
  csv_sha256 text,
  database_kind text,
  started_at timestamptz NOT NULL,
  committed_at timestamptz NOT NULL DEFAULT now(),
  summary jsonb NOT NULL DEFAULT '{}',
  rolled_back_at timestamptz,
  rolled_back_by text
);

CREATE TABLE IF NOT EXISTS marketing.bit_signal (
  signal_id bigserial PRIMARY KEY,
  person_unique_id text,
  company_unique_id text,
  signal_type text NOT NULL,
  signal_count integer NOT NULL,
  signal_weight integer NOT NULL,
  source_type text NOT NULL,
  scored boolean NOT NULL DEFAULT false,
  occurred_at timestamptz,
  process_id text,
  metadata jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS bf_bit_signal_process_idx ON marketing.bit_signal (process_id);

CREATE TABLE IF NOT EXISTS marketing.backfill_log (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  source_row_hash text NOT NULL,
  source_data jsonb NOT NULL,
  csv_line integer,
  match_type text CHECK (match_type IN ('perfect', 'fuzzy', 'no_match')),
  match_confidence numeric(5, 3),
  matched_company_id text,
  matched_person_id text,
  resolution_status text NOT NULL CHECK (resolution_status IN ('initialized', 'unresolved', 'duplicate', 'error', 'skipped_locked')),
  actions_taken jsonb NOT NULL DEFAULT '[]',
  error_message text,
  notes text,
  created_at timestamptz NOT NULL DEFAULT now(),
  worker_id text,
  process_id text NOT NULL
);
CREATE INDEX IF NOT EXISTS bf_backfill_log_hash_idx ON marketing.backfill_log (source_row_hash);
CREATE INDEX IF NOT EXISTS bf_backfill_log_process_idx ON marketing.backfill_log (process_id);

CREATE TABLE IF NOT EXISTS marketing.backfill_staging (
  staging_id bigserial PRIMARY KEY,
  process_id text NOT NULL,
  row_index integer NOT NULL,
  csv_line integer,
  source_row_hash text,
  source_data jsonb NOT NULL,
  normalized_data jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS marketing.bit_baseline_snapshot (
  baseline_id bigserial PRIMARY KEY,
  person_unique_id text NOT NULL,
  company_unique_id text,
  historical_open_count integer NOT NULL DEFAULT 0,
  historical_reply_count integer NOT NULL DEFAULT 0,
  historical_meeting_count integer NOT NULL DEFAULT 0,
  last_engaged_at timestamptz,
  baseline_score integer NOT NULL,
  baseline_tier text NOT NULL,
  signals_generated integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  source text NOT NULL DEFAULT 'backfill_agent',
  process_id text,
  metadata jsonb
);
CREATE UNIQUE INDEX IF NOT EXISTS bf_bit_baseline_person_process_idx ON marketing.bit_baseline_snapshot (person_unique_id, process_id);

CREATE TABLE IF NOT EXISTS marketing.talent_flow_baseline (
  baseline_id bigserial PRIMARY KEY,
  person_unique_id text NOT NULL UNIQUE,
  enrichment_hash text NOT NULL,
  snapshot_data jsonb NOT NULL,
  baseline_date date NOT NULL DEFAULT current_date,
  source text NOT NULL DEFAULT 'backfill_agent',
  created_at timestamptz NOT NULL DEFAULT now(),
  process_id text,
  metadata jsonb
);

CREATE TABLE IF NOT EXISTS garage.missing_parts (
  missing_id bigserial PRIMARY KEY,
  source text NOT NULL DEFAULT 'backfill_agent',
  issue_type text NOT NULL,
  source_data jsonb NOT NULL,
  match_attempts jsonb NOT NULL DEFAULT '[]',
  confidence_score numeric(5, 3),
  resolved boolean NOT NULL DEFAULT false,
  resolved_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  process_id text,
  source_row_hash text,
  csv_line integer
);
CREATE INDEX IF NOT EXISTS bf_missing_parts_process_idx ON garage.missing_parts (process_id);

CREATE TABLE IF NOT EXISTS shq.audit_log (
  audit_id bigserial PRIMARY KEY,
  process_id text,
  worker_id text,
  table_name text,
  record_id text,
  operation text,
  before_data jsonb,
  after_data jsonb,
  created_at timestamptz DEFAULT now()
);
CREATE INDEX IF NOT EXISTS bf_audit_log_process_idx ON shq.audit_log (process_id);
