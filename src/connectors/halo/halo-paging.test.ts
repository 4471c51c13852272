import { describe, expect, it } from 'vitest';
import { PsaError } from '../../psa/psa-error.js';
import { type FetchPage, listAllById } from './halo-paging.js';

/** An in-memory id-ordered listing whose data can change between two page requests, as a busy PSA's does. */
function table(initial: number[], beforeRequest: (request: number, ids: number[]) => void = () => {}) {
  const ids = [...initial];
  let requests = 0;
  const fetchPage: FetchPage<{ id: number }> = async ({ pageNo, pageSize, descending }) => {
    beforeRequest(++requests, ids);
    const ordered = descending ? [...ids].reverse() : ids;
    return { records: ordered.slice((pageNo - 1) * pageSize, pageNo * pageSize).map((id) => ({ id })), recordCount: ids.length };
  };
  return { ids, fetchPage, requests: () => requests };
}

async function collect(fetchPage: FetchPage<{ id: number }>, pageSize = 10) {
  const seen: number[] = [];
  for await (const page of listAllById(fetchPage, { pageSize })) seen.push(...page.map((r) => r.id));
  return seen;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('listAllById', () => {
  it('reads a quiet listing in one pass plus two probes', async () => {
    const quiet = table(range(1, 95));
    expect(await collect(quiet.fetchPage)).toEqual(range(1, 95));
    expect(quiet.requests()).toBe(10 + 2);
  });

  it('finds records that slipped between pages when earlier records were deleted and as many created', async () => {
    // Before the third page: delete ids 1–5 and create 96–100 — the record count does not change.
    const busy = table(range(1, 95), (request, ids) => {
      if (request === 4) {
        ids.splice(0, 5);
        ids.push(...range(96, 100));
      }
    });
    const seen = await collect(busy.fetchPage);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of range(6, 95)) expect(seen).toContain(id);
  });

  it('handles deletions alone and insertions alone', async () => {
    const deleting = table(range(1, 60), (request, ids) => request === 3 && ids.splice(10, 3));
    const seen = await collect(deleting.fetchPage);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of [...range(1, 10), ...range(14, 60)]) expect(seen).toContain(id);

    const inserting = table(range(1, 60), (request, ids) => request === 3 && ids.push(61, 62));
    expect((await collect(inserting.fetchPage)).sort((a, b) => a - b)).toEqual(range(1, 62));
  });

  it('gives up with a transient error when the data never holds still', async () => {
    let next = 1000;
    const restless = table(range(1, 50), (_request, ids) => ids.push(next++));
    await expect(collect(restless.fetchPage)).rejects.toSatisfy((e) => e instanceof PsaError && e.errorClass === 'transient');
  });

  it('refuses a listing the server did not order by id', async () => {
    const unordered: FetchPage<{ id: number }> = async () => ({ records: [{ id: 3 }, { id: 1 }], recordCount: 2 });
    await expect(collect(unordered)).rejects.toSatisfy((e) => e instanceof PsaError && e.errorClass === 'bad_response');
  });
});
