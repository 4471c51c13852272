import type { Kind } from '../api/types';

export type ChildKind = Exclude<Kind, 'organizations'>;

/** How each kind is named on screen. */
export const kindNames: Record<Kind, { noun: string; plural: string }> = {
  organizations: { noun: 'organization', plural: 'Organizations' },
  configurations: { noun: 'configuration', plural: 'Configurations' },
  contacts: { noun: 'contact', plural: 'Contacts' },
  passwords: { noun: 'password', plural: 'Passwords' },
  documents: { noun: 'document', plural: 'Documents' },
};

export const childKinds: ChildKind[] = ['configurations', 'contacts', 'passwords', 'documents'];

export const isChildKind = (value: string | undefined): value is ChildKind => childKinds.includes(value as ChildKind);

export const paths = {
  organizations: () => '/organizations',
  organization: (id: string, tab: ChildKind = 'configurations') => `/organizations/${id}/${tab}`,
  view: (kind: Kind, id: string) => (kind === 'organizations' ? `/organizations/${id}` : `/${kind}/${id}`),
  edit: (kind: Kind, id: string) => `/${kind}/${id}/edit`,
  create: (kind: Kind, organizationId?: string) => (organizationId ? `/${kind}/new?organizationId=${organizationId}` : `/${kind}/new`),
};

/** Links only ever point to http(s): a stored "javascript:" URL must not become clickable. */
export function safeHref(value: string): string | undefined {
  const text = value.trim();
  if (/^https?:\/\//i.test(text)) return text;
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) return undefined;
  return /^[\w-]+(\.[\w-]+)+/.test(text) ? `https://${text}` : undefined;
}
