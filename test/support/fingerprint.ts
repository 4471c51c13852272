import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../src/db/database.js';

/*
 * A fingerprint of everything a sync decides for an integration, keyed by PSA ids, so that two databases (or two
 * accounts) synced from identical PSAs compare equal: the links' states, reasons, digests and errors, the records'
 * synced fields (lookups by name, the organization by its PSA id), the error inbox and the match reviews, and how
 * many records the account holds. Ids, timestamps and run history legitimately differ and are left out.
 */
export interface Fingerprint {
  counts: { organization: number; configuration: number; contact: number };
  links: Record<string, unknown>[];
  organizations: Record<string, unknown>[];
  configurations: Record<string, unknown>[];
  contacts: Record<string, unknown>[];
  recordErrors: Record<string, unknown>[];
  matchReviews: Record<string, unknown>[];
}

export async function fingerprint(db: Db, integrationId: string): Promise<Fingerprint> {
  const [owner] = await queryRows<{ account_id: string }>(db, sql`select account_id from psa_integrations where id = ${integrationId}`);
  if (!owner) throw new Error(`no integration ${integrationId}`);
  const accountId = owner.account_id;
  const [counts] = await queryRows<Fingerprint['counts']>(db, sql`
    select (select count(*)::int from organizations where account_id = ${accountId}) as organization,
           (select count(*)::int from configurations where account_id = ${accountId}) as configuration,
           (select count(*)::int from contacts where account_id = ${accountId}) as contact`);
  const { links, organizations, configurations, contacts } = await syncedRecords(db, integrationId);
  const recordErrors = await queryRows<Record<string, unknown>>(db, sql`
    select kind::text, external_id, name, code, message from psa_record_errors where integration_id = ${integrationId} order by kind, external_id`);
  const matchReviews = await queryRows<Record<string, unknown>>(db, sql`
    select kind::text, external_id, psa_name, proposal::text, match_type::text, decision::text from match_reviews where integration_id = ${integrationId} order by kind, external_id`);
  return { counts: counts!, links, organizations, configurations, contacts, recordErrors, matchReviews };
}

/** The links and the synced fields of the linked records, keyed by PSA id (the heart of a fingerprint). */
export async function syncedRecords(db: Db, integrationId: string) {
  const links = await queryRows<Record<string, unknown>>(db, sql`
    select l.kind::text, l.external_id, l.state::text, l.orphan_reason::text, l.payload_hash, l.psa_type_id, l.psa_status_id, l.psa_parent_id,
      l.last_error_code, l.last_error_message
    from psa_links l where l.integration_id = ${integrationId} order by l.kind, l.external_id`);
  const parent = sql.raw(`(select p.external_id from psa_links p where p.integration_id = l.integration_id and p.kind = 'organization' and p.record_id = r.organization_id)`);
  const organizations = await queryRows<Record<string, unknown>>(db, sql`
    select l.external_id, r.name, t.name as type, s.name as status, r.website, r.phone, r.address, r.city, r.region, r.postal_code, r.country, r.notes
    from psa_links l join organizations r on r.id = l.record_id
    left join organization_types t on t.id = r.organization_type_id left join organization_statuses s on s.id = r.organization_status_id
    where l.integration_id = ${integrationId} and l.kind = 'organization' order by l.external_id`);
  const configurations = await queryRows<Record<string, unknown>>(db, sql`
    select l.external_id, ${parent} as organization, r.name, t.name as type, s.name as status, r.serial_number, r.asset_tag, r.hostname, r.mac_address,
      r.ip_address, r.manufacturer, r.model, r.operating_system, r.warranty_expires_on::text as warranty, r.notes
    from psa_links l join configurations r on r.id = l.record_id
    left join configuration_types t on t.id = r.configuration_type_id left join configuration_statuses s on s.id = r.configuration_status_id
    where l.integration_id = ${integrationId} and l.kind = 'configuration' order by l.external_id`);
  const contacts = await queryRows<Record<string, unknown>>(db, sql`
    select l.external_id, ${parent} as organization, r.first_name, r.last_name, r.title, t.name as type, r.email, r.phone, r.mobile, r.notes
    from psa_links l join contacts r on r.id = l.record_id left join contact_types t on t.id = r.contact_type_id
    where l.integration_id = ${integrationId} and l.kind = 'contact' order by l.external_id`);
  return { links, organizations, configurations, contacts };
}

/** What must hold after any run, however it ended: one link per PSA record, one link per local record. */
export async function duplicates(db: Db, integrationId: string) {
  const [row] = await queryRows<{ external: number; record: number }>(db, sql`
    select (select count(*)::int from (select 1 from psa_links where integration_id = ${integrationId} group by kind, external_id having count(*) > 1) d) as external,
           (select count(*)::int from (select 1 from psa_links where integration_id = ${integrationId} group by record_id having count(*) > 1) d) as record`);
  return row!;
}
