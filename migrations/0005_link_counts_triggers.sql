-- Keeps psa_link_counts exact (see src/db/schema/link-counts.ts): after each statement on psa_links, its net change
-- per counted key is appended as delta rows. Statement-level with transition tables: one grouped insert per
-- statement, however many links it touched. Appending (never updating a shared counter row) means concurrent
-- writers take no lock on the counts, so they cannot deadlock on them nor lose an increment.
CREATE FUNCTION "psa_link_counts_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO psa_link_counts (account_id, integration_id, kind, psa_type_id, psa_status_id, state, orphan_reason, n)
    SELECT account_id, integration_id, kind, psa_type_id, psa_status_id, state, orphan_reason, count(*)
    FROM new_links GROUP BY account_id, integration_id, kind, psa_type_id, psa_status_id, state, orphan_reason;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO psa_link_counts (account_id, integration_id, kind, psa_type_id, psa_status_id, state, orphan_reason, n)
    SELECT account_id, integration_id, kind, psa_type_id, psa_status_id, state, orphan_reason, -count(*)
    FROM old_links GROUP BY account_id, integration_id, kind, psa_type_id, psa_status_id, state, orphan_reason;
  ELSE
    -- Most updates (a sync refreshing last_synced_at) change no counted column: their +1 and -1 cancel out here.
    INSERT INTO psa_link_counts (account_id, integration_id, kind, psa_type_id, psa_status_id, state, orphan_reason, n)
    SELECT account_id, integration_id, kind, psa_type_id, psa_status_id, state, orphan_reason, sum(d)
    FROM (SELECT account_id, integration_id, kind, psa_type_id, psa_status_id, state, orphan_reason, 1 AS d FROM new_links
          UNION ALL
          SELECT account_id, integration_id, kind, psa_type_id, psa_status_id, state, orphan_reason, -1 FROM old_links) c
    GROUP BY account_id, integration_id, kind, psa_type_id, psa_status_id, state, orphan_reason
    HAVING sum(d) <> 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "psa_links_count_insert" AFTER INSERT ON "psa_links" REFERENCING NEW TABLE AS new_links
  FOR EACH STATEMENT EXECUTE FUNCTION "psa_link_counts_apply"();
--> statement-breakpoint
CREATE TRIGGER "psa_links_count_update" AFTER UPDATE ON "psa_links" REFERENCING OLD TABLE AS old_links NEW TABLE AS new_links
  FOR EACH STATEMENT EXECUTE FUNCTION "psa_link_counts_apply"();
--> statement-breakpoint
CREATE TRIGGER "psa_links_count_delete" AFTER DELETE ON "psa_links" REFERENCING OLD TABLE AS old_links
  FOR EACH STATEMENT EXECUTE FUNCTION "psa_link_counts_apply"();
--> statement-breakpoint
CREATE FUNCTION "psa_link_counts_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM psa_link_counts;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "psa_links_count_truncate" AFTER TRUNCATE ON "psa_links"
  FOR EACH STATEMENT EXECUTE FUNCTION "psa_link_counts_truncate"();
--> statement-breakpoint
-- Backfill: the links that exist already, counted once (the lock keeps writers out until the triggers are live).
LOCK TABLE "psa_links" IN SHARE MODE;
--> statement-breakpoint
INSERT INTO psa_link_counts (account_id, integration_id, kind, psa_type_id, psa_status_id, state, orphan_reason, n)
SELECT account_id, integration_id, kind, psa_type_id, psa_status_id, state, orphan_reason, count(*)
FROM psa_links GROUP BY account_id, integration_id, kind, psa_type_id, psa_status_id, state, orphan_reason;
