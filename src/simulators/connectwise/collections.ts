import type { SimKind, SimLookup, SimLookups } from '../world/types.js';
import type { JsonObject } from './conditions/evaluate.js';
import type { CwResource } from './fields.js';
import { shapeCompanyStatus, shapeCompanyType, shapeConfigurationStatus, shapeConfigurationType, shapeContactType } from './lookups.js';
import { shapeCompany, shapeConfiguration, shapeContact, type ShapeContext } from './shape.js';

/** One listable ConnectWise endpoint over the world: its path, entity, ids in id order, and its JSON shape. */
export interface Collection {
  path: string;
  resource: CwResource;
  /** For "Company ID 7 was not found." */
  label: string;
  ids(ctx: ShapeContext): number[];
  shape(ctx: ShapeContext, id: number): JsonObject | undefined;
}

function recordCollection(path: string, resource: CwResource, label: string, kind: SimKind, shape: (ctx: ShapeContext, record: never) => JsonObject): Collection {
  return {
    path,
    resource,
    label,
    // Map keys iterate in insertion order and ids only grow, so this is id order.
    ids: (ctx) => [...ctx.world.tables[kind].keys()],
    shape: (ctx, id) => {
      const record = ctx.world.get(kind, id);
      return record ? shape(ctx, record as never) : undefined;
    },
  };
}

function lookupCollection(path: string, resource: CwResource, label: string, list: keyof SimLookups, shape: (lookup: SimLookup) => JsonObject): Collection {
  return {
    path,
    resource,
    label,
    ids: (ctx) => ctx.world.lookups[list].map((l) => l.id).sort((a, b) => a - b),
    shape: (ctx, id) => {
      const lookup = ctx.world.lookups[list].find((l) => l.id === id);
      return lookup ? shape(lookup) : undefined;
    },
  };
}

export const companies = recordCollection('company/companies', 'company', 'Company', 'companies', shapeCompany);
export const configurations = recordCollection('company/configurations', 'configuration', 'Configuration', 'configurations', shapeConfiguration);
export const contacts = recordCollection('company/contacts', 'contact', 'Contact', 'contacts', shapeContact);

export const lookupCollections: Collection[] = [
  lookupCollection('company/companies/types', 'companyType', 'Company Type', 'companyTypes', shapeCompanyType),
  lookupCollection('company/companies/statuses', 'companyStatus', 'Company Status', 'companyStatuses', shapeCompanyStatus),
  lookupCollection('company/configurations/types', 'configurationType', 'Configuration Type', 'configurationTypes', shapeConfigurationType),
  lookupCollection('company/configurations/statuses', 'configurationStatus', 'Configuration Status', 'configurationStatuses', shapeConfigurationStatus),
  lookupCollection('company/contacts/types', 'contactType', 'Contact Type', 'contactTypes', shapeContactType),
];
