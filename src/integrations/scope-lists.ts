import type { PsaLookups, RecordKind } from '../psa/canonical.js';
import { lookupLists, type LookupListName } from '../lookups/lookup-lists.js';

export type ScopeDimension = 'type' | 'status';

/**
 * The five PSA lookup lists that become sync scopes, each with psalink's own list of the same name: a scope's PSA
 * type or status is mirrored by name into psalink's list so that synced records can reference it. Contacts have no
 * status in any of the three PSAs.
 */
export const scopeLists: readonly { kind: RecordKind; dimension: ScopeDimension; list: LookupListName & keyof PsaLookups }[] = [
  { kind: 'organization', dimension: 'type', list: 'organizationTypes' },
  { kind: 'organization', dimension: 'status', list: 'organizationStatuses' },
  { kind: 'configuration', dimension: 'type', list: 'configurationTypes' },
  { kind: 'configuration', dimension: 'status', list: 'configurationStatuses' },
  { kind: 'contact', dimension: 'type', list: 'contactTypes' },
];

export const lookupTableOf = (list: LookupListName) => lookupLists[list];

/** A PSA may return a type without a name; psalink's lists need one a person can recognise. */
export const scopeName = (name: string, dimension: ScopeDimension, externalId: string) =>
  name.trim().slice(0, 200) || `Unnamed ${dimension} ${externalId}`;
