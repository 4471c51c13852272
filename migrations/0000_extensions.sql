-- Trigram search over names (ILIKE '%term%') needs pg_trgm; it is a trusted extension on PostgreSQL 13+.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
