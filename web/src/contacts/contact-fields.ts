import type { FieldDef } from '../forms/fields';

export const contactFields: FieldDef[] = [
  { name: 'firstName', label: 'First name', section: 'General', empty: 'string', autoComplete: 'off', maxLength: 200, hint: 'A first or a last name is needed.' },
  { name: 'lastName', label: 'Last name', section: 'General', empty: 'string', autoComplete: 'off', maxLength: 200 },
  { name: 'title', label: 'Job title', section: 'General', maxLength: 200 },
  { name: 'contactTypeId', label: 'Type', kind: 'lookup', lookup: 'contactTypes', section: 'General' },
  { name: 'email', label: 'Email', kind: 'email', section: 'Contact details', maxLength: 320 },
  { name: 'phone', label: 'Phone', kind: 'tel', section: 'Contact details', maxLength: 100 },
  { name: 'mobile', label: 'Mobile', kind: 'tel', section: 'Contact details', maxLength: 100 },
  { name: 'notes', label: 'Notes', kind: 'textarea', section: 'Notes', empty: 'string' },
];

export const contactFormFields = () => contactFields;
