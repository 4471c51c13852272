import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Attachment, Configuration, Contact, Page } from '../api/types';
import type { FormValues, Option } from '../forms/fields';

/** Passwords and documents may hang off one configuration or contact of their organization. */
export function useAttachmentOptions(organizationId: string | undefined) {
  return useQuery({
    queryKey: ['attachment-options', organizationId],
    enabled: Boolean(organizationId),
    queryFn: async ({ signal }): Promise<Option[]> => {
      const query = { organizationId, limit: 200, sort: 'name' };
      const [configurations, contacts] = await Promise.all([
        api.get<Page<Configuration>>('/configurations', query, signal),
        api.get<Page<Contact>>('/contacts', query, signal),
      ]);
      return [
        ...configurations.items.map((c) => ({ value: `configuration:${c.id}`, label: c.name, group: 'Configurations' })),
        ...contacts.items.map((c) => ({ value: `contact:${c.id}`, label: c.fullName, group: 'Contacts' })),
      ];
    },
  });
}

export const attachmentValue = (record: Attachment | undefined) =>
  record?.attachedToKind && record.attachedToId ? `${record.attachedToKind}:${record.attachedToId}` : '';

/** The single "Related to" select becomes the API's two fields. */
export function attachmentBody(body: Record<string, unknown>, values: FormValues) {
  if (!('attachment' in body)) return body;
  const { attachment: _ignored, ...rest } = body;
  const [kind, id] = (values.attachment ?? '').split(':');
  return kind && id ? { ...rest, attachedToKind: kind, attachedToId: id } : { ...rest, attachedToKind: null, attachedToId: null };
}
