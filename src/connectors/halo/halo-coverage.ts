/**
 * The id ranges a listing has already read. A page of an id-ordered listing is an atomic, contiguous slice of the ids
 * at the moment it was served: every record then alive with an id between the page's first and last id was on it.
 * So an id inside a covered range was either returned already or did not exist then — it must not be returned again.
 */
export class IdCoverage {
  /** Disjoint, sorted, non-adjacent closed ranges. */
  readonly #ranges: [number, number][] = [];

  get rangeCount(): number {
    return this.#ranges.length;
  }

  has(id: number): boolean {
    let low = 0;
    let high = this.#ranges.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const [from, to] = this.#ranges[mid]!;
      if (id < from) high = mid - 1;
      else if (id > to) low = mid + 1;
      else return true;
    }
    return false;
  }

  add(from: number, to: number) {
    if (to < from) [from, to] = [to, from];
    // Integer ids: [1,5] and [6,9] leave nothing between them, so they merge.
    const merged: [number, number][] = [];
    let placed = false;
    for (const [a, b] of this.#ranges) {
      if (b + 1 < from) merged.push([a, b]);
      else if (to + 1 < a) {
        if (!placed) merged.push([from, to]);
        placed = true;
        merged.push([a, b]);
      } else {
        from = Math.min(from, a);
        to = Math.max(to, b);
      }
    }
    if (!placed) merged.push([from, to]);
    this.#ranges.splice(0, this.#ranges.length, ...merged);
  }
}
