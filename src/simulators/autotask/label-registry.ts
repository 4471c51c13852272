/**
 * Stable integer ids for free-text values that Autotask models as picklists or reference entities (countries,
 * RMM manufacturers and models). Ids never change once given, so a connector's cached picklist stays valid; a value
 * first seen later (a control-API edit) simply gets the next id.
 */
export class LabelRegistry {
  readonly #idByKey = new Map<string, number>();
  readonly #labelById = new Map<number, string>();
  #nextId: number;

  constructor(seed: readonly (readonly [number, string])[] = [], firstFreeId = 1) {
    this.#nextId = firstFreeId;
    for (const [id, label] of seed) this.#add(id, label);
  }

  /** The id of a label, registering it if new; null for empty values. */
  idOf(label: string | null | undefined): number | null {
    if (label === null || label === undefined || label === '') return null;
    const known = this.#idByKey.get(label.toLowerCase());
    if (known !== undefined) return known;
    while (this.#labelById.has(this.#nextId)) this.#nextId++;
    const id = this.#nextId++;
    this.#add(id, label);
    return id;
  }

  /** Only looks: never registers. */
  find(label: string): number | undefined {
    return this.#idByKey.get(label.toLowerCase());
  }

  labelOf(id: number): string | undefined {
    return this.#labelById.get(id);
  }

  /** All entries in id order. */
  entries(): [number, string][] {
    return [...this.#labelById.entries()].sort((a, b) => a[0] - b[0]);
  }

  #add(id: number, label: string) {
    this.#idByKey.set(label.toLowerCase(), id);
    this.#labelById.set(id, label);
  }
}
