-- Schemas and master tables (SPEC §7). A customer's database may already hold the master tables,
-- possibly with extra columns and rows: CREATE ... IF NOT EXISTS never drops or rewrites them.
-- Columns the tool needs that an existing table lacks are added (nullable or with a constant
-- default, which Postgres records in the catalog without rewriting the table or its rows).
CREATE SCHEMA IF NOT EXISTS marketing;
CREATE SCHEMA IF NOT EXISTS garage;
CREATE SCHEMA IF NOT EXISTS shq;

CREATE TABLE IF NOT EXISTS marketing.company_master (
  company_unique_id text PRIMARY KEY,
  company_name text NOT NULL,
  domain text,
  website_url text,
  locked_fields text[] NOT NULL DEFAULT '{}',
  manual_overrides jsonb NOT NULL DEFAULT '{}',
  manually_corrected_domain boolean NOT NULL DEFAULT false,
  notes_internal text,
  source text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE marketing.company_master ADD COLUMN IF NOT EXISTS domain text;
ALTER TABLE marketing.company_master ADD COLUMN IF NOT EXISTS website_url text;
ALTER TABLE marketing.company_master ADD COLUMN IF NOT EXISTS locked_fields text[] NOT NULL DEFAULT '{}';
ALTER TABLE marketing.company_master ADD COLUMN IF NOT EXISTS manual_overrides jsonb NOT NULL DEFAULT '{}';
ALTER TABLE marketing.company_master ADD COLUMN IF NOT EXISTS manually_corrected_domain boolean NOT NULL DEFAULT false;
ALTER TABLE marketing.company_master ADD COLUMN IF NOT EXISTS notes_internal text;
ALTER TABLE marketing.company_master ADD COLUMN IF NOT EXISTS source text;
ALTER TABLE marketing.company_master ADD COLUMN IF NOT EXISTS created_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE marketing.company_master ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now();

CREATE TABLE IF NOT EXISTS marketing.people_master (
  person_unique_id text PRIMARY KEY,
  company_unique_id text REFERENCES marketing.company_master (company_unique_id),
  first_name text,
  last_name text,
  full_name text NOT NULL,
  title text,
  email text,
  phone text,
  linkedin_url text,
  locked_fields text[] NOT NULL DEFAULT '{}',
  manual_overrides jsonb NOT NULL DEFAULT '{}',
  manually_corrected_email boolean NOT NULL DEFAULT false,
  manually_corrected_title boolean NOT NULL DEFAULT false,
  notes_internal text,
  source text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE marketing.people_master ADD COLUMN IF NOT EXISTS company_unique_id text;
ALTER TABLE marketing.people_master ADD COLUMN IF NOT EXISTS first_name text;
ALTER TABLE marketing.people_master ADD COLUMN IF NOT EXISTS last_name text;
ALTER TABLE marketing.people_master ADD COLUMN IF NOT EXISTS title text;
ALTER TABLE marketing.people_master ADD COLUMN IF NOT EXISTS email text;
ALTER TABLE marketing.people_master ADD COLUMN IF NOT EXISTS phone text;
ALTER TABLE marketing.people_master ADD COLUMN IF NOT EXISTS linkedin_url text;
ALTER TABLE marketing.people_master ADD COLUMN IF NOT EXISTS locked_fields text[] NOT NULL DEFAULT '{}';
ALTER TABLE marketing.people_master ADD COLUMN IF NOT EXISTS manual_overrides jsonb NOT NULL DEFAULT '{}';
ALTER TABLE marketing.people_master ADD COLUMN IF NOT EXISTS manually_corrected_email boolean NOT NULL DEFAULT false;
ALTER TABLE marketing.people_master ADD COLUMN IF NOT EXISTS manually_corrected_title boolean NOT NULL DEFAULT false;
ALTER TABLE marketing.people_master ADD COLUMN IF NOT EXISTS notes_internal text;
ALTER TABLE marketing.people_master ADD COLUMN IF NOT EXISTS source text;
ALTER TABLE marketing.people_master ADD COLUMN IF NOT EXISTS created_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE marketing.people_master ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now();

-- Ids of new records are <prefix>.<n> with n drawn from these sequences (SPEC §6.2).
CREATE SEQUENCE IF NOT EXISTS marketing.company_id_seq;
CREATE SEQUENCE IF NOT EXISTS marketing.person_id_seq;

-- Match keys are compared in normalized form in the tool; these indexes serve the lookups the
-- database does (loading by company, rollback checks, re-run detection).
CREATE INDEX IF NOT EXISTS bf_company_master_domain_idx ON marketing.company_master (lower(domain));
CREATE INDEX IF NOT EXISTS bf_people_master_company_idx ON marketing.people_master (company_unique_id);
CREATE INDEX IF NOT EXISTS bf_people_master_email_idx ON marketing.people_master (lower(email));
CREATE INDEX IF NOT EXISTS bf_people_master_linkedin_idx ON marketing.people_master (lower(linkedin_url));
