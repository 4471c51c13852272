import type { FieldDef } from '../forms/fields';

const relatedTo: FieldDef = {
  name: 'attachment',
  label: 'Related to',
  kind: 'attachment',
  apiNames: ['attachedToKind', 'attachedToId'],
  hint: 'Optional: the configuration or contact this password is for.',
};

export function passwordFields(editing: boolean): FieldDef[] {
  return [
    { name: 'name', label: 'Name', required: true, maxLength: 255, placeholder: 'Domain admin' },
    { name: 'username', label: 'Username', mono: true, maxLength: 500, autoComplete: 'off' },
    {
      name: 'secret',
      label: 'Password',
      kind: 'secret',
      required: !editing,
      mono: true,
      // Keeps the browser from filling in the user's own psalink password.
      autoComplete: 'new-password',
      hint: editing ? 'Leave blank to keep the current password.' : undefined,
    },
    { name: 'url', label: 'URL', kind: 'url', maxLength: 2000, placeholder: 'https://portal.example.com' },
    relatedTo,
    { name: 'notes', label: 'Notes', kind: 'textarea', empty: 'string' },
  ];
}

/** The fields a password's page lists (the secret has its own row). */
export const passwordViewFields = passwordFields(true).filter((f) => f.name !== 'name');
