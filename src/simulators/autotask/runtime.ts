import type { SimContext } from '../module.js';
import type { SimWorld } from '../world/world.js';
import { companiesEntity } from './company-entity.js';
import { configurationItemsEntity } from './configuration-item-entity.js';
import { contactsEntity } from './contact-entity.js';
import type { AtEntity, AtState } from './entity-model.js';
import { LabelRegistry } from './label-registry.js';
import { configurationItemTypesEntity, countriesEntity, firstFreeCountryId, seedCountries } from './lookup-entities.js';
import { RequestBudget, ThreadLimiter } from './request-budget.js';

/** Everything one running Autotask simulator keeps beside the shared world. */
export interface AutotaskRuntime {
  ctx: SimContext;
  state: AtState;
  budget: RequestBudget;
  threads: ThreadLimiter;
  /** The API root the zone points at, e.g. http://127.0.0.1:4010/ATServicesRest/V1.0 */
  apiBase(): string;
}

export const API_PREFIX = '/ATServicesRest/V1.0';
export const DEFAULT_REQUEST_BUDGET = 10_000;

export const entities: readonly AtEntity[] = [
  companiesEntity,
  configurationItemsEntity,
  contactsEntity,
  configurationItemTypesEntity,
  countriesEntity,
];

const runtimes = new WeakMap<SimWorld, AutotaskRuntime>();

/** Tests reach a running simulator's budget through its world (e.g. to pre-fill the hour). */
export const autotaskRuntimeOf = (world: SimWorld) => runtimes.get(world);

export function createRuntime(ctx: SimContext): AutotaskRuntime {
  const threshold = Number(ctx.credentials.requestBudget ?? DEFAULT_REQUEST_BUDGET);
  const state: AtState = {
    world: ctx.world,
    countries: new LabelRegistry(seedCountries, firstFreeCountryId),
    manufacturers: new LabelRegistry([], 1),
    models: new LabelRegistry([], 1),
  };
  registerLabels(state);
  const runtime: AutotaskRuntime = {
    ctx,
    state,
    budget: new RequestBudget(Number.isFinite(threshold) && threshold > 0 ? threshold : DEFAULT_REQUEST_BUDGET, () => ctx.world.now().getTime()),
    threads: new ThreadLimiter(3),
    apiBase: () => ctx.origin() + API_PREFIX,
  };
  runtimes.set(ctx.world, runtime);
  return runtime;
}

/**
 * Gives every country, manufacturer and model in the data its id, in record order, so ids are the same on every
 * start with the same seed and picklists list every value in use. Re-run (once per data version) before answering
 * field definitions, for values added through the control API.
 */
export function registerLabels(state: AtState) {
  state.world.cachedQuery('autotask:labels', () => {
    for (const company of state.world.all('companies')) state.countries.idOf(company.country);
    for (const configuration of state.world.all('configurations')) {
      state.manufacturers.idOf(configuration.manufacturer);
      state.models.idOf(configuration.model);
    }
    return [];
  });
}
