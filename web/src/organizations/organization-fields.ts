import type { FieldDef } from '../forms/fields';

export const organizationFields: FieldDef[] = [
  { name: 'name', label: 'Name', required: true, section: 'General', maxLength: 255, autoComplete: 'organization' },
  { name: 'organizationTypeId', label: 'Type', kind: 'lookup', lookup: 'organizationTypes', section: 'General' },
  { name: 'organizationStatusId', label: 'Status', kind: 'lookup', lookup: 'organizationStatuses', section: 'General' },
  { name: 'phone', label: 'Phone', kind: 'tel', section: 'General', maxLength: 100 },
  { name: 'website', label: 'Website', kind: 'url', section: 'General', maxLength: 500, placeholder: 'https://example.com' },
  { name: 'address', label: 'Street address', section: 'Address', wide: true, maxLength: 1000 },
  { name: 'city', label: 'City', section: 'Address', maxLength: 200 },
  { name: 'region', label: 'State / region', section: 'Address', maxLength: 200 },
  { name: 'postalCode', label: 'Postal code', section: 'Address', maxLength: 50 },
  { name: 'country', label: 'Country', section: 'Address', maxLength: 200 },
  { name: 'notes', label: 'Notes', kind: 'textarea', section: 'Notes', empty: 'string', hint: 'Local to psalink: a PSA sync never overwrites notes.' },
];
