import { describe, expect, it } from 'vitest';
import { PsaError } from '../../psa/psa-error.js';
import { assetEntry, haloDateToIso, mapAsset, mapClient, mapUser } from './halo-mappers.js';
import { tokenFailure } from './halo-session.js';

describe('Halo mappers', () => {
  it('maps a client: top level as type, no status, main-site address lines, inactive flag', () => {
    const org = mapClient({
      id: 12,
      name: 'Müller & Söhne GmbH',
      toplevel_id: 3,
      toplevel_name: 'Prospect',
      inactive: true,
      website: '',
      main_phonenumber: '+49 30 1234',
      main_delivery_address: { line1: 'Hauptstraße 1', line2: 'Berlin', line3: 'BE', line4: 'Germany', postcode: '10115' },
      alastupdate: '2026-03-05T14:22:31.77',
    });
    expect(org).toEqual({
      kind: 'organization',
      externalId: '12',
      name: 'Müller & Söhne GmbH',
      type: { id: '3', name: 'Prospect' },
      status: null,
      parentExternalId: null,
      updatedAt: '2026-03-05T14:22:31.770Z',
      active: false,
      deleted: false,
      fields: { name: 'Müller & Söhne GmbH', website: null, phone: '+49 30 1234', address: 'Hauptstraße 1', city: 'Berlin', region: 'BE', country: 'Germany', postalCode: '10115' },
    });
  });

  it('maps an asset: key field as name, asset fields by name, type and status refs, warranty date', () => {
    const asset = {
      id: 7,
      inventory_number: 'AT-7',
      key_field: 'SRV-01',
      client_id: 12,
      assettype_id: 1,
      assettype_name: 'Managed Server',
      status_id: 2,
      status_name: 'Inactive',
      warranty_end: '2027-01-31T00:00:00Z',
      dlastupdate: '2026-01-01T00:00:00Z',
      fields: [
        { id: 2, name: 'Serial Number', value: 'ABC123', display: 'ABC123' },
        { id: 4, name: 'mac address', value: '00:11:22:33:44:55' },
        { id: 8, name: 'Operating System', value: '', display: '' },
      ],
    };
    const configuration = mapAsset(asset);
    expect(configuration).toMatchObject({
      externalId: '7',
      name: 'SRV-01',
      type: { id: '1', name: 'Managed Server' },
      status: { id: '2', name: 'Inactive' },
      parentExternalId: '12',
      active: true,
      fields: { serialNumber: 'ABC123', assetTag: 'AT-7', macAddress: '00:11:22:33:44:55', operatingSystem: null, hostname: null, warrantyExpiresOn: '2027-01-31' },
    });
    expect(assetEntry(asset)).toEqual({ externalId: '7', typeId: '1', statusId: '2', parentExternalId: '12', active: true, deleted: false });
    expect(mapAsset({ id: 8 }).name).toBe('Asset 8');
  });

  it('maps a user, splitting a bare name when first name and surname are missing', () => {
    expect(mapUser({ id: 5, name: 'Mary Ann Smith', client_id: 3, inactive: false })).toMatchObject({
      name: 'Mary Ann Smith',
      parentExternalId: '3',
      type: null,
      status: null,
      fields: { firstName: 'Mary Ann', lastName: 'Smith', email: null },
    });
  });

  it('reads Halo date-times with or without a zone as UTC', () => {
    expect(haloDateToIso('2026-01-02T03:04:05')).toBe('2026-01-02T03:04:05.000Z');
    expect(haloDateToIso('2026-01-02T03:04:05+01:00')).toBe('2026-01-02T02:04:05.000Z');
    expect(haloDateToIso('not a date')).toBeNull();
    expect(haloDateToIso(null)).toBeNull();
  });
});

describe('token failures', () => {
  const url = 'https://halo.example/auth/token';
  const failed = (status: number, body: string) => new PsaError(status === 401 ? 'auth' : 'config', `The PSA rejected POST /auth/token with ${status}. It said: ${body}`, { status });

  it('turns OAuth error codes into actionable classes', () => {
    expect(tokenFailure(failed(400, '{"error":"invalid_client"}'), url).errorClass).toBe('auth');
    expect(tokenFailure(failed(400, '{"error":"invalid_scope"}'), url).errorClass).toBe('permission');
    expect(tokenFailure(failed(400, '{"error":"unsupported_grant_type"}'), url).errorClass).toBe('config');
    const notFound = tokenFailure(new PsaError('not_found', 'no', { status: 404 }), url);
    expect(notFound.errorClass).toBe('config');
    expect(notFound.message).toContain('server root');
  });
});
