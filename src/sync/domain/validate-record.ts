import type { CanonicalRecord } from '../../psa/canonical.js';

/** psalink's own limits (see the record schemas): a PSA value beyond them is a record-level error, not a crash. */
const maxLengths: Record<string, number> = {
  name: 255, firstName: 200, lastName: 200, website: 500, phone: 100, mobile: 100, address: 1000, city: 200, region: 200,
  postalCode: 50, country: 200, serialNumber: 200, assetTag: 200, hostname: 255, macAddress: 100, ipAddress: 100,
  manufacturer: 200, model: 200, operatingSystem: 200, title: 200, email: 320,
};

export interface RecordProblem {
  code: 'psa_record_invalid';
  message: string;
}

/** Why a PSA record cannot be applied, in words an admin can act on in the PSA; undefined when it can. */
export function validateRecord(record: CanonicalRecord): RecordProblem | undefined {
  const problem = (message: string): RecordProblem => ({ code: 'psa_record_invalid', message });
  // Types first: a PSA can send a number or an object where text belongs, and the checks below call string methods.
  for (const [field, value] of Object.entries(record.fields as unknown as Record<string, unknown>)) {
    if (value !== null && typeof value !== 'string') return problem(`The PSA field ${field} is not text.`);
  }
  // Null-safe too: a connector passes through a name the PSA sent as null.
  const blank = (value: string | null | undefined) => !value?.trim();
  if (record.kind === 'contact') {
    if (blank(record.fields.firstName) && blank(record.fields.lastName)) return problem('The PSA contact has neither a first nor a last name.');
  } else if (blank(record.fields.name)) {
    return problem(`The PSA ${record.kind} has no name.`);
  }
  if (record.kind !== 'organization' && !record.parentExternalId) return problem(`The PSA ${record.kind} belongs to no company.`);
  for (const [field, value] of Object.entries(record.fields as unknown as Record<string, unknown>)) {
    const max = maxLengths[field];
    if (typeof value === 'string' && max && value.length > max) {
      return problem(`The PSA field ${field} is ${value.length} characters long; psalink keeps at most ${max}. Shorten it in the PSA.`);
    }
    if (typeof value === 'string' && value.includes('\u0000')) return problem(`The PSA field ${field} contains a NUL character.`);
  }
  if (record.kind === 'configuration' && record.fields.warrantyExpiresOn && !/^\d{4}-\d{2}-\d{2}$/.test(record.fields.warrantyExpiresOn)) {
    return problem(`The PSA warranty date "${record.fields.warrantyExpiresOn}" is not a date.`);
  }
  return undefined;
}
