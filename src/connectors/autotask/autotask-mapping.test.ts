import { describe, expect, it } from 'vitest';
import { emptyLabels, hasUnknownLabels, toCanonical, toReconcileEntry } from './autotask-mapping.js';
import { serviceRoot } from './autotask-api.js';
import type { AtItem } from './autotask-types.js';

const labels = emptyLabels();
labels.companyTypes.set('1', 'Customer');
labels.countries.set('237', 'United States');
labels.configurationTypes.set('4', 'Laptop');
labels.manufacturers.set('2', 'Lenovo');
labels.models.set('7', 'ThinkPad T14');

describe('Autotask items to canonical records', () => {
  it('maps a company: isActive is the status, the country comes from Countries', () => {
    const item: AtItem = {
      id: 12,
      companyName: 'Acme Dental',
      companyType: 1,
      isActive: false,
      phone: '+1 555 0100',
      webAddress: 'https://acme.example',
      address1: '1 Main Street',
      address2: 'Suite 4',
      city: 'Denver',
      state: 'CO',
      postalCode: '80202',
      countryID: 237,
      lastTrackedModifiedDateTime: '2024-05-01T10:00:00.123Z',
    };
    expect(toCanonical('organization', item, labels)).toEqual({
      kind: 'organization',
      externalId: '12',
      name: 'Acme Dental',
      type: { id: '1', name: 'Customer' },
      status: { id: 'inactive', name: 'Inactive' },
      parentExternalId: null,
      updatedAt: '2024-05-01T10:00:00.123Z',
      active: false,
      deleted: false,
      fields: {
        name: 'Acme Dental',
        website: 'https://acme.example',
        phone: '+1 555 0100',
        address: '1 Main Street, Suite 4',
        city: 'Denver',
        region: 'CO',
        postalCode: '80202',
        country: 'United States',
      },
    });
  });

  it('maps a configuration item from its RMM audit fields and picklists', () => {
    const item: AtItem = {
      id: 5,
      companyID: 12,
      referenceTitle: 'ACME-L001',
      configurationItemType: 4,
      isActive: true,
      serialNumber: 'LE1234',
      referenceNumber: 'AT-5',
      rmmDeviceAuditHostname: 'acme-l001',
      rmmDeviceAuditMacAddress: '00:11:22:33:44:55',
      rmmDeviceAuditIPAddress: '10.0.0.5',
      rmmDeviceAuditOperatingSystem: 'Windows 11 Pro',
      rmmDeviceAuditManufacturerID: 2,
      rmmDeviceAuditModelID: 7,
      warrantyExpirationDate: '2027-01-31T00:00:00',
      lastModifiedTime: '2024-05-01T10:00:00',
    };
    const record = toCanonical('configuration', item, labels);
    expect(record).toMatchObject({
      name: 'ACME-L001',
      type: { id: '4', name: 'Laptop' },
      status: { id: 'active', name: 'Active' },
      parentExternalId: '12',
      updatedAt: '2024-05-01T10:00:00.000Z',
      fields: { manufacturer: 'Lenovo', model: 'ThinkPad T14', assetTag: 'AT-5', hostname: 'acme-l001', warrantyExpiresOn: '2027-01-31', operatingSystem: 'Windows 11 Pro' },
    });
  });

  it('maps a contact: isActive is 1/0, no type, no status', () => {
    const item: AtItem = { id: 9, companyID: 12, firstName: 'Zoë', lastName: "O'Brien", isActive: 0, emailAddress: '', mobilePhone: null, lastModifiedDate: 'garbage' };
    expect(toCanonical('contact', item, labels)).toMatchObject({
      name: "Zoë O'Brien",
      type: null,
      status: null,
      active: false,
      updatedAt: null,
      parentExternalId: '12',
      fields: { firstName: 'Zoë', lastName: "O'Brien", email: null, mobile: null, title: null },
    });
  });

  it('keeps an unknown picklist id as its own name rather than dropping it', () => {
    expect(toCanonical('organization', { id: 1, companyName: 'X', companyType: 99, isActive: true }, labels).type).toEqual({ id: '99', name: '99' });
    expect(hasUnknownLabels('organization', [{ id: 1, companyType: 99 }], labels)).toBe(true);
    expect(hasUnknownLabels('organization', [{ id: 1, companyType: 1, countryID: 237 }], labels)).toBe(false);
    expect(hasUnknownLabels('configuration', [{ id: 1, rmmDeviceAuditModelID: 8 }], labels)).toBe(true);
    expect(hasUnknownLabels('contact', [{ id: 1 }], labels)).toBe(false);
  });

  it('maps reconciliation entries', () => {
    expect(toReconcileEntry('configuration', { id: 5, companyID: 12, configurationItemType: 4, isActive: false })).toEqual({
      externalId: '5',
      typeId: '4',
      statusId: 'inactive',
      parentExternalId: '12',
      active: false,
      deleted: false,
    });
    expect(toReconcileEntry('contact', { id: 9, companyID: 12, isActive: 1 })).toEqual({
      externalId: '9',
      typeId: null,
      statusId: null,
      parentExternalId: '12',
      active: true,
      deleted: false,
    });
  });
});

describe('the configured Autotask URL', () => {
  it.each([
    ['https://webservices.autotask.net/ATServicesRest', 'https://webservices.autotask.net/ATServicesRest'],
    ['https://webservices.autotask.net/ATServicesRest/', 'https://webservices.autotask.net/ATServicesRest'],
    ['https://webservices.autotask.net/atservicesrest/v1.0/', 'https://webservices.autotask.net/atservicesrest'],
    ['http://127.0.0.1:4010/ATServicesRest/V1.0', 'http://127.0.0.1:4010/ATServicesRest'],
  ])('%s has the service root %s', (input, root) => {
    expect(serviceRoot(input)).toBe(root);
  });
});
