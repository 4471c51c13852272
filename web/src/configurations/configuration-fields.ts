import type { FieldDef } from '../forms/fields';

export const configurationFields: FieldDef[] = [
  { name: 'name', label: 'Name', required: true, section: 'General', mono: true, maxLength: 255 },
  { name: 'configurationTypeId', label: 'Type', kind: 'lookup', lookup: 'configurationTypes', section: 'General' },
  { name: 'configurationStatusId', label: 'Status', kind: 'lookup', lookup: 'configurationStatuses', section: 'General' },
  { name: 'operatingSystem', label: 'Operating system', section: 'General', maxLength: 200 },
  { name: 'manufacturer', label: 'Manufacturer', section: 'Hardware', maxLength: 200 },
  { name: 'model', label: 'Model', section: 'Hardware', maxLength: 200 },
  { name: 'serialNumber', label: 'Serial number', section: 'Hardware', mono: true, maxLength: 200 },
  { name: 'assetTag', label: 'Asset tag', section: 'Hardware', mono: true, maxLength: 200 },
  { name: 'warrantyExpiresOn', label: 'Warranty expires', kind: 'date', section: 'Hardware' },
  { name: 'hostname', label: 'Hostname', section: 'Network', mono: true, maxLength: 255 },
  { name: 'ipAddress', label: 'IP address', section: 'Network', mono: true, maxLength: 100, placeholder: '10.0.0.10' },
  { name: 'macAddress', label: 'MAC address', section: 'Network', mono: true, maxLength: 100, placeholder: '00:1A:2B:3C:4D:5E' },
  { name: 'notes', label: 'Notes', kind: 'textarea', section: 'Notes', empty: 'string', hint: 'Local to psalink: a PSA sync never overwrites notes.' },
];

export const configurationFormFields = () => configurationFields;
