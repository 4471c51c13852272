import { describe, expect, it } from 'vitest';
import { PsaError } from '../../psa/psa-error.js';
import { changedSinceCondition } from './connectwise-connector.js';
import { mapCompany, mapConfiguration, mapContact, mapLookups, mapReconcileEntry } from './connectwise-mapping.js';
import { parseLinkHeader } from './connectwise-paging.js';

describe('mapCompany', () => {
  it('maps the PSA-owned fields, the first type, the status and the flags', () => {
    const record = mapCompany(
      {
        id: 12,
        identifier: 'Acme12',
        name: 'Acme',
        status: { id: 2, name: 'Inactive' },
        types: [{ id: 1, name: 'Customer' }, { id: 3, name: 'Prospect' }],
        addressLine1: '1 Main St',
        addressLine2: 'Suite 4',
        city: 'Denver',
        state: 'CO',
        zip: '80202',
        country: { id: 6, name: 'United States' },
        phoneNumber: '555',
        deletedFlag: true,
        _info: { lastUpdated: '2024-05-01T12:00:00Z' },
      },
      new Set([2]),
    );
    expect(record).toEqual({
      kind: 'organization',
      externalId: '12',
      name: 'Acme',
      type: { id: '1', name: 'Customer' },
      status: { id: '2', name: 'Inactive' },
      parentExternalId: null,
      updatedAt: '2024-05-01T12:00:00.000Z',
      active: false,
      deleted: true,
      fields: { name: 'Acme', website: null, phone: '555', address: '1 Main St, Suite 4', city: 'Denver', region: 'CO', postalCode: '80202', country: 'United States' },
    });
  });

  it('refuses a row without a numeric id as a bad response', () => {
    expect(() => mapCompany({ id: 'x' } as never, new Set())).toThrow(PsaError);
  });
});

describe('mapConfiguration and mapContact', () => {
  it('maps a configuration with its company as parent', () => {
    const record = mapConfiguration({
      id: 5,
      name: 'SRV-01',
      type: { id: 1, name: 'Managed Server' },
      status: { id: 1, name: 'Active' },
      company: { id: 12, name: 'Acme' },
      serialNumber: 'SN1',
      tagNumber: 'AT-1',
      manufacturer: { id: 2, name: 'Dell' },
      modelNumber: 'R650',
      osType: 'Windows Server 2022',
      warrantyExpirationDate: '2027-03-31T00:00:00Z',
      activeFlag: false,
    });
    expect(record).toMatchObject({ externalId: '5', parentExternalId: '12', active: false, updatedAt: null });
    expect(record.fields).toEqual({
      name: 'SRV-01', serialNumber: 'SN1', assetTag: 'AT-1', hostname: null, macAddress: null, ipAddress: null,
      manufacturer: 'Dell', model: 'R650', operatingSystem: 'Windows Server 2022', warrantyExpiresOn: '2027-03-31',
    });
  });

  it('picks the default email, direct phone and cell phone of a contact', () => {
    const record = mapContact({
      id: 9,
      firstName: 'Ada',
      lastName: 'Lovelace',
      inactiveFlag: true,
      types: [{ id: 2, name: 'Billing' }],
      communicationItems: [
        { type: { id: 1, name: 'Email' }, value: 'old@example.com', defaultFlag: false, communicationType: 'Email' },
        { type: { id: 1, name: 'Email' }, value: 'ada@example.com', defaultFlag: true, communicationType: 'Email' },
        { type: { id: 4, name: 'Fax' }, value: '111', communicationType: 'Fax' },
        { type: { id: 3, name: 'Cell' }, value: '333', communicationType: 'Phone' },
        { type: { id: 2, name: 'Direct' }, value: '222', defaultFlag: true, communicationType: 'Phone' },
      ],
    });
    expect(record).toMatchObject({ name: 'Ada Lovelace', type: { id: '2', name: 'Billing' }, status: null, parentExternalId: null, active: false });
    expect(record.fields).toEqual({ firstName: 'Ada', lastName: 'Lovelace', title: null, email: 'ada@example.com', phone: '222', mobile: '333' });
  });
});

describe('reconciliation entries and lookups', () => {
  it('reads the trimmed rows that fields= returns', () => {
    expect(mapReconcileEntry('organization', { id: 1, types: [{ id: 4 }], status: { id: 2 }, deletedFlag: false }, new Set([2]))).toEqual({
      externalId: '1', typeId: '4', statusId: '2', parentExternalId: null, active: false, deleted: false,
    });
    expect(mapReconcileEntry('configuration', { id: 2, type: { id: 1 }, status: { id: 3 }, company: { id: 7 }, activeFlag: true }, new Set())).toMatchObject({ typeId: '1', statusId: '3', parentExternalId: '7', active: true });
    expect(mapReconcileEntry('contact', { id: 3, company: { id: 7 }, inactiveFlag: true }, new Set())).toMatchObject({ typeId: null, statusId: null, parentExternalId: '7', active: false });
  });

  it('takes name or description', () => {
    expect(mapLookups([{ id: 1, name: 'Customer' }, { id: 2, description: 'Retired' }])).toEqual([{ id: '1', name: 'Customer' }, { id: '2', name: 'Retired' }]);
  });
});

describe('paging and conditions helpers', () => {
  it('parses RFC 5988 Link headers', () => {
    expect(parseLinkHeader('<https://x/a?pageSize=25&page=2>; rel="next", <https://x/a?pageSize=25&page=9>; rel="last"')).toEqual({
      next: 'https://x/a?pageSize=25&page=2',
      last: 'https://x/a?pageSize=25&page=9',
    });
    expect(parseLinkHeader(null)).toEqual({});
  });

  it('writes changedSince as a whole-second [datetime] condition, rounding down', () => {
    expect(changedSinceCondition(new Date('2024-05-01T12:00:00.900Z'))).toBe('_info/lastUpdated>=[2024-05-01T12:00:00Z]');
  });
});
