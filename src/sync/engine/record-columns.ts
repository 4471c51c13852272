import type { CanonicalRecord, RecordKind } from '../../psa/canonical.js';
import type { LookupIds } from '../../integrations/resolve-lookup-ids.js';

/**
 * Which columns of psalink's record tables the sync owns, per kind, and how a canonical PSA record fills them.
 * Everything else (notes, and every local record) is out of the sync's reach because it is simply not listed here.
 */
interface Column {
  name: string;
  sqlType: 'text' | 'uuid' | 'date';
  value(record: CanonicalRecord, refs: RowRefs): string | null;
}

interface RowRefs {
  organizationId: string | null;
  lookups: LookupIds;
}

export interface RecordTable {
  table: string;
  columns: readonly Column[];
}

const field = (name: string, key: string, sqlType: Column['sqlType'] = 'text'): Column => ({
  name,
  sqlType,
  value: (record) => ((record.fields as unknown as Record<string, string | null>)[key] ?? null),
});
const lookup = (name: string, dimension: 'type' | 'status'): Column => ({
  name,
  sqlType: 'uuid',
  value: (record, refs) => {
    const ref = dimension === 'type' ? record.type : record.status;
    return ref ? (refs.lookups.get(record.kind, dimension, ref.id) ?? null) : null;
  },
});
const organizationColumn: Column = { name: 'organization_id', sqlType: 'uuid', value: (_record, refs) => refs.organizationId };

export const recordTables: Record<RecordKind, RecordTable> = {
  organization: {
    table: 'organizations',
    columns: [
      field('name', 'name'),
      lookup('organization_type_id', 'type'),
      lookup('organization_status_id', 'status'),
      field('website', 'website'),
      field('phone', 'phone'),
      field('address', 'address'),
      field('city', 'city'),
      field('region', 'region'),
      field('postal_code', 'postalCode'),
      field('country', 'country'),
    ],
  },
  configuration: {
    table: 'configurations',
    columns: [
      organizationColumn,
      field('name', 'name'),
      lookup('configuration_type_id', 'type'),
      lookup('configuration_status_id', 'status'),
      field('serial_number', 'serialNumber'),
      field('asset_tag', 'assetTag'),
      field('hostname', 'hostname'),
      field('mac_address', 'macAddress'),
      field('ip_address', 'ipAddress'),
      field('manufacturer', 'manufacturer'),
      field('model', 'model'),
      field('operating_system', 'operatingSystem'),
      field('warranty_expires_on', 'warrantyExpiresOn', 'date'),
    ],
  },
  contact: {
    table: 'contacts',
    columns: [
      organizationColumn,
      field('first_name', 'firstName'),
      field('last_name', 'lastName'),
      field('title', 'title'),
      lookup('contact_type_id', 'type'),
      field('email', 'email'),
      field('phone', 'phone'),
      field('mobile', 'mobile'),
    ],
  },
};

/** One JSON row per record, keyed by column name, for `jsonb_to_recordset`. */
export function recordRow(kind: RecordKind, id: string, record: CanonicalRecord, refs: RowRefs): Record<string, string | null> {
  const row: Record<string, string | null> = { id };
  for (const column of recordTables[kind].columns) row[column.name] = column.value(record, refs);
  return row;
}

/** `id uuid, name text, …`: the shape `jsonb_to_recordset` reads the rows with. */
export const recordsetShape = (kind: RecordKind) =>
  ['id uuid', ...recordTables[kind].columns.map((c) => `${c.name} ${c.sqlType}`)].join(', ');
