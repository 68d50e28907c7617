-- Fallout (SPEC §7 garage.missing_parts): a row already waiting, unresolved, in the garage from an
-- earlier run is not parked twice. The commit checks that by source_row_hash for every unresolved
-- row; without this index each check scanned the whole garage.
CREATE INDEX IF NOT EXISTS bf_missing_parts_waiting_hash_idx ON garage.missing_parts (source_row_hash) WHERE NOT resolved;
