import type { SimLookup } from '../world/types.js';
import type { JsonObject } from './conditions/evaluate.js';

/**
 * The type/status lookups as ConnectWise answers them. Company types and statuses and configuration types have a
 * `name`; configuration statuses and contact types call it `description` (the references to them say `name`).
 */
const LOOKUP_DATE = '2015-01-01T00:00:00Z';
const lookupInfo = (): JsonObject => ({ lastUpdated: LOOKUP_DATE, updatedBy: 'admin1' });

export const shapeCompanyType = (type: SimLookup): JsonObject => ({
  id: type.id,
  name: type.name,
  defaultFlag: type.id === 1,
  vendorFlag: type.name === 'Vendor',
  serviceAlertFlag: false,
  _info: lookupInfo(),
});

export const shapeCompanyStatus = (status: SimLookup): JsonObject => ({
  id: status.id,
  name: status.name,
  defaultFlag: status.id === 1,
  inactiveFlag: /inactive/i.test(status.name),
  notifyFlag: false,
  disallowSavingFlag: false,
  customNoteFlag: false,
  cancelOpenTracksFlag: false,
  _info: lookupInfo(),
});

export const shapeConfigurationType = (type: SimLookup): JsonObject => ({
  id: type.id,
  name: type.name,
  inactiveFlag: false,
  systemFlag: false,
  _info: lookupInfo(),
});

export const shapeConfigurationStatus = (status: SimLookup): JsonObject => ({
  id: status.id,
  description: status.name,
  closedFlag: /retired|disposed/i.test(status.name),
  defaultFlag: status.id === 1,
  _info: lookupInfo(),
});

export const shapeContactType = (type: SimLookup): JsonObject => ({
  id: type.id,
  description: type.name,
  defaultFlag: type.id === 1,
  serviceAlertFlag: false,
  _info: lookupInfo(),
});
