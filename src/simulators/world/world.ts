import { generateWorld } from './generate.js';
import type { Scale, SimCompany, SimConfiguration, SimContact, SimKind, SimLookups, SimRecordOf } from './types.js';

type Tables = { [K in SimKind]: Map<number, SimRecordOf<K>> };

/**
 * The mutable state of one simulated PSA: records by kind (in id order), lookups, and a clock that tests can set.
 * Every change stamps updatedAt from the clock and bumps `version`, which invalidates cached listings.
 */
export class SimWorld {
  readonly lookups: SimLookups;
  readonly tables: Tables;
  #clockOffsetMs = 0;
  #nextId: Record<SimKind, number>;
  version = 0;
  #cache = new Map<string, { version: number; ids: readonly unknown[] }>();

  constructor(options: { scale: Scale; seed: number }) {
    const data = generateWorld(options.scale, options.seed, new Date());
    this.lookups = data.lookups;
    this.tables = {
      companies: new Map(data.companies.map((r) => [r.id, r])),
      configurations: new Map(data.configurations.map((r) => [r.id, r])),
      contacts: new Map(data.contacts.map((r) => [r.id, r])),
    };
    this.#nextId = { companies: data.companies.length + 1, configurations: data.configurations.length + 1, contacts: data.contacts.length + 1 };
  }

  /** The simulated PSA's current time. */
  now(): Date {
    return new Date(Date.now() + this.#clockOffsetMs);
  }

  setClock(to: Date) {
    this.#clockOffsetMs = to.getTime() - Date.now();
  }

  get<K extends SimKind>(kind: K, id: number): SimRecordOf<K> | undefined {
    return this.tables[kind].get(id) as SimRecordOf<K> | undefined;
  }

  /** All records of a kind in id order (Map keeps insertion order, and ids only grow). */
  all<K extends SimKind>(kind: K): IterableIterator<SimRecordOf<K>> {
    return this.tables[kind].values() as IterableIterator<SimRecordOf<K>>;
  }

  count(kind: SimKind): number {
    return this.tables[kind].size;
  }

  create<K extends SimKind>(kind: K, values: Omit<SimRecordOf<K>, 'id' | 'createdAt' | 'updatedAt'>): SimRecordOf<K> {
    const now = this.now();
    const record = { ...values, id: this.#nextId[kind]++, createdAt: now, updatedAt: now } as SimRecordOf<K>;
    (this.tables[kind] as Map<number, SimRecordOf<K>>).set(record.id, record);
    this.version++;
    return record;
  }

  update<K extends SimKind>(kind: K, id: number, changes: Partial<Omit<SimRecordOf<K>, 'id' | 'createdAt'>>): SimRecordOf<K> | undefined {
    const record = this.get(kind, id);
    if (!record) return undefined;
    Object.assign(record, changes, { updatedAt: this.now() });
    this.version++;
    return record;
  }

  /** A hard delete: the record stops existing (ConnectWise companies use `deleted` instead, via update). */
  remove(kind: SimKind, id: number): boolean {
    const removed = this.tables[kind].delete(id);
    if (removed) this.version++;
    return removed;
  }

  /**
   * A listing's matching ids, computed once per (query, data version): paging through 300k records must not filter
   * them all again for every page.
   */
  cachedQuery<T>(key: string, compute: () => T[]): readonly T[] {
    const hit = this.#cache.get(key);
    if (hit && hit.version === this.version) return hit.ids as T[];
    const ids = compute();
    if (this.#cache.size > 200) this.#cache.clear();
    this.#cache.set(key, { version: this.version, ids });
    return ids;
  }
}

export type { SimCompany, SimConfiguration, SimContact };
