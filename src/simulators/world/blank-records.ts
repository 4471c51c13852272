import type { SimKind, SimRecordOf } from './types.js';
import type { SimWorld } from './world.js';

export type NewSimRecord<K extends SimKind> = Omit<SimRecordOf<K>, 'id' | 'createdAt' | 'updatedAt'>;

/**
 * A record with every optional field empty, the first type and status, active and not deleted: what every
 * simulator's create starts from before applying the request's values.
 */
export function blankRecord<K extends SimKind>(world: SimWorld, kind: K): NewSimRecord<K> {
  const { lookups } = world;
  const blanks: { [Kind in SimKind]: NewSimRecord<Kind> } = {
    companies: {
      identifier: '', name: '', typeIds: [lookups.companyTypes[0]?.id ?? 1], statusId: lookups.companyStatuses[0]?.id ?? 1,
      phone: null, website: null, address1: null, city: null, state: null, zip: null, country: null, deleted: false, active: true,
    },
    configurations: {
      companyId: 0, name: '', typeId: lookups.configurationTypes[0]?.id ?? 1, statusId: lookups.configurationStatuses[0]?.id ?? 1,
      serialNumber: null, tagNumber: null, hostname: null, macAddress: null, ipAddress: null, manufacturer: null, model: null,
      osType: null, warrantyExpiration: null, active: true,
    },
    contacts: { companyId: 0, firstName: '', lastName: '', title: null, typeIds: [], email: null, phone: null, mobile: null, active: true },
  };
  return blanks[kind] as NewSimRecord<K>;
}
