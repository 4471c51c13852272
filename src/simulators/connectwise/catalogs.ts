import type { SimWorld } from '../world/world.js';

/**
 * The world stores manufacturers and countries as names; ConnectWise answers them as references with ids. Ids are
 * given to the names found at start in sorted order (so they are the same on every run), and to new names as they
 * appear through writes.
 */
export class NameCatalog {
  readonly #ids = new Map<string, number>();
  readonly #names: string[] = [];

  constructor(initial: Iterable<string>) {
    for (const name of [...new Set(initial)].sort()) this.idOf(name);
  }

  idOf(name: string): number {
    let id = this.#ids.get(name);
    if (id === undefined) {
      this.#names.push(name);
      id = this.#names.length;
      this.#ids.set(name, id);
    }
    return id;
  }

  nameOf(id: number): string | undefined {
    return this.#names[id - 1];
  }
}

export interface Catalogs {
  manufacturers: NameCatalog;
  countries: NameCatalog;
}

export function buildCatalogs(world: SimWorld): Catalogs {
  const manufacturers: string[] = [];
  for (const configuration of world.all('configurations')) if (configuration.manufacturer) manufacturers.push(configuration.manufacturer);
  const countries: string[] = ['United States'];
  for (const company of world.all('companies')) if (company.country) countries.push(company.country);
  return { manufacturers: new NameCatalog(manufacturers), countries: new NameCatalog(countries) };
}
