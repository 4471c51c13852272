import type { FieldDef } from '../forms/fields';

export const documentFields: FieldDef[] = [
  { name: 'title', label: 'Title', required: true, maxLength: 300, placeholder: 'Backup procedure' },
  {
    name: 'attachment',
    label: 'Related to',
    kind: 'attachment',
    apiNames: ['attachedToKind', 'attachedToId'],
    hint: 'Optional: the configuration or contact this document is about.',
  },
  { name: 'bodyMarkdown', label: 'Content', kind: 'markdown', empty: 'string', hint: 'Markdown: # headings, **bold**, lists, `code`, [links](https://…) and tables.' },
];

export const documentFormFields = () => documentFields;
