import { ApiError } from '../api/client';
import type { LookupList } from '../api/types';

export type InputKind = 'text' | 'email' | 'url' | 'tel' | 'date' | 'textarea' | 'lookup' | 'select' | 'attachment' | 'secret' | 'markdown';

export interface Option {
  value: string;
  label: string;
  group?: string;
}

/** One input of a record form, described as data so that view and edit pages share labels and order. */
export interface FieldDef {
  name: string;
  label: string;
  kind?: InputKind;
  required?: boolean;
  lookup?: LookupList;
  options?: Option[];
  /** How an empty input is sent: null (the default), an empty string (columns that cannot be null) or not at all. */
  empty?: 'null' | 'string' | 'omit';
  section?: string;
  /** Spans the whole row of the form grid. */
  wide?: boolean;
  /** Identifiers (serials, addresses) read better in a monospace font. */
  mono?: boolean;
  autoComplete?: string;
  placeholder?: string;
  hint?: string;
  maxLength?: number;
  /** API field names whose validation messages belong to this input. */
  apiNames?: string[];
}

export type FormValues = Record<string, string>;

/** Form values as the API wants them: every field when creating, only the changed ones when editing. */
export function toBody(fields: FieldDef[], values: FormValues, initial?: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name] ?? '';
    if (initial && value === (initial[field.name] ?? '')) continue;
    // Required fields go as typed, so that the server's own message explains a blank one.
    if (value.trim() !== '' || field.required) {
      body[field.name] = value;
      continue;
    }
    // A blank secret on an edit form means "keep the current one".
    const empty = field.kind === 'secret' ? 'omit' : (field.empty ?? 'null');
    if (empty !== 'omit') body[field.name] = empty === 'null' ? null : '';
  }
  return body;
}

export interface FormErrors {
  /** Shown at the top of the form. */
  summary?: string;
  fields: Record<string, string>;
}

/** Puts each validation issue ("body.name") next to its input; the rest go to the summary. */
export function formErrors(error: unknown, fields: FieldDef[]): FormErrors {
  const message = error instanceof Error ? error.message : 'Saving failed. Try again.';
  if (!(error instanceof ApiError)) return { summary: message, fields: {} };
  const byApiName = new Map<string, string>();
  for (const field of fields) {
    byApiName.set(field.name, field.name);
    for (const alias of field.apiNames ?? []) byApiName.set(alias, field.name);
  }
  const result: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const issue of error.issues) {
    const apiName = issue.path.replace(/^body\./, '').split('.')[0] ?? '';
    const name = byApiName.get(apiName);
    if (name && !result[name]) result[name] = friendly(issue.message);
    else if (!name) unplaced.push(apiName ? `${apiName}: ${issue.message}` : issue.message);
  }
  const placed = Object.keys(result).length > 0;
  const summary = placed
    ? ['Check the highlighted fields.', ...unplaced].join(' ')
    : [message, ...unplaced].join(' ');
  return { summary, fields: result };
}

/** The API's validation messages are written for developers; say the common ones the way a person would. */
export function friendly(message: string) {
  if (/expected string to have >=1 characters|received null|received undefined/i.test(message)) return 'This field is required.';
  const tooLong = /expected string to have <=(\d+) characters/i.exec(message);
  if (tooLong) return `Use at most ${tooLong[1]} characters.`;
  if (/invalid email/i.test(message)) return 'Enter an email address such as name@example.com.';
  if (/invalid (iso )?date/i.test(message)) return 'Enter a valid date.';
  if (/invalid uuid|unknown/i.test(message)) return 'Choose one of the listed values.';
  return message ? message[0]!.toUpperCase() + message.slice(1) : message;
}

/** Record values → form strings (null and missing become empty inputs). */
export function toFormValues(fields: FieldDef[], record: object | undefined): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const value = (record as Record<string, unknown> | undefined)?.[field.name];
    values[field.name] = typeof value === 'string' ? value : value == null ? '' : String(value);
  }
  return values;
}
