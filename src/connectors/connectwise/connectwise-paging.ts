import type { PsaHttpClient, PsaResponse } from '../../psa/http/psa-http-client.js';
import { PsaError } from '../../psa/psa-error.js';
import { requireId } from './connectwise-mapping.js';

/** The relations of an RFC 5988 `Link` header, e.g. `<…?pageSize=25&page=2>; rel="next", <…&page=9>; rel="last"`. */
export function parseLinkHeader(header: string | null): Record<string, string> {
  const links: Record<string, string> = {};
  if (!header) return links;
  for (const part of header.split(/,\s*(?=<)/)) {
    const match = /^\s*<([^>]*)>\s*;\s*rel\s*=\s*"?([^";]+)"?/i.exec(part);
    if (match) links[match[2]!.toLowerCase()] = match[1]!;
  }
  return links;
}

export interface PageSource {
  http: PsaHttpClient;
  /** The listing URL with the query except paging (`…/company/companies?conditions=…&fields=…`). */
  url: string;
  headers: Record<string, string>;
  pageSize: number;
  /** For messages: "companies". */
  what: string;
  signal?: AbortSignal;
}

/**
 * Forward-only (keyset) paging: each page asks for ids after the last one seen (`pageId`), in id order. Records
 * inserted or deleted between two pages cannot shift the window, so every record that existed for the whole listing
 * comes exactly once — which offset paging (`page=N`) cannot promise. The listing ends on a short page without a
 * `next` link (a full page, or a `next` link, always asks once more, so a server that caps pageSize lower than asked
 * cannot end it early). A failed page throws: the listing is never silently partial.
 */
export async function* forwardOnlyPages(source: PageSource): AsyncGenerator<unknown[]> {
  let after: number | undefined;
  for (;;) {
    const separator = source.url.includes('?') ? '&' : '?';
    const url = `${source.url}${separator}pageSize=${source.pageSize}${after === undefined ? '' : `&pageId=${after}`}`;
    const response = await source.http.request<unknown>({ url, headers: { ...source.headers, 'pagination-type': 'forward-only' }, signal: source.signal });
    const rows = response.body;
    if (!Array.isArray(rows)) throw new PsaError('bad_response', `ConnectWise answered the ${source.what} listing with something other than a list.`);
    if (rows.length === 0) return;
    let last = after ?? 0;
    for (const row of rows) {
      const id = requireId(row, source.what);
      // Ids must rise past the previous page, or the server ignored forward-only paging and we could loop or skip.
      if (id <= last) throw new PsaError('bad_response', `ConnectWise returned the ${source.what} out of id order (id ${id} after ${last}); forward-only paging is not working.`);
      last = id;
    }
    yield rows;
    const next = parseLinkHeader(response.headers.get('link')).next;
    if (rows.length < source.pageSize && !next) return;
    after = last;
  }
}

/** Navigable paging by following `rel="next"` links; for the small lookup lists. */
export async function* linkedPages(source: PageSource): AsyncGenerator<unknown[]> {
  const separator = source.url.includes('?') ? '&' : '?';
  let url: string | undefined = `${source.url}${separator}pageSize=${source.pageSize}&page=1`;
  for (let pages = 0; url; pages++) {
    if (pages > 1000) throw new PsaError('bad_response', `ConnectWise kept answering more pages of ${source.what}; stopped after 1000.`);
    const response: PsaResponse<unknown> = await source.http.request<unknown>({ url, headers: source.headers, signal: source.signal });
    if (!Array.isArray(response.body)) throw new PsaError('bad_response', `ConnectWise answered the ${source.what} listing with something other than a list.`);
    yield response.body;
    url = parseLinkHeader(response.headers.get('link')).next;
  }
}
