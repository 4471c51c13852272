import {
  configurationStatuses,
  configurationTypes,
  contactTypes,
  organizationStatuses,
  organizationTypes,
} from '../db/schema/index.js';

/** The five lookup lists by their API name. */
export const lookupLists = {
  organizationTypes,
  organizationStatuses,
  configurationTypes,
  configurationStatuses,
  contactTypes,
} as const;

export type LookupListName = keyof typeof lookupLists;
export const lookupListNames = Object.keys(lookupLists) as [LookupListName, ...LookupListName[]];
