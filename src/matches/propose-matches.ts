import type { CanonicalOrganization } from '../psa/canonical.js';
import type { MatchIndex } from '../sync/domain/matching.js';

export interface Suggestion {
  recordId: string;
  name: string;
  score: number;
}

export interface CompanyProposal {
  externalId: string;
  psaName: string;
  psaDetail: string | null;
  proposal: 'link' | 'create' | 'decide';
  matchType: 'exact' | 'normalized' | null;
  proposedRecordId: string | null;
  suggestions: Suggestion[];
}

/** A line that tells two companies of one name apart: where they are. */
export function companyDetail(record: CanonicalOrganization): string | null {
  const { address, city, region, country, website } = record.fields;
  const place = [address, city, region, country].map((part) => part?.trim()).filter(Boolean).join(', ');
  return (place || website?.trim() || '').slice(0, 500) || null;
}

const byName = (a: Suggestion, b: Suggestion) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base', numeric: true }) || a.recordId.localeCompare(b.recordId);

/**
 * Proposals for unlinked PSA companies under the sync's own matching rules (MatchIndex): one candidate is a `link`,
 * several are `decide`. A local record two PSA companies would both take (or that an admin already gave to another
 * company) is `decide` for them, as the sync's page planner would send it to review: guessing would merge two
 * companies. Companies without any candidate come back with proposal `create` and no suggestions; the caller looks
 * for near names and turns them into `decide` when it finds some.
 *
 * @param decided local record id → the PSA company id whose admin decision links to it.
 */
export function proposeMatches(records: readonly CanonicalOrganization[], index: MatchIndex, decided: ReadonlyMap<string, string>): CompanyProposal[] {
  const results = records.map((record) => ({ record, ...index.match(record, null) }));
  const claims = new Map<string, number>();
  for (const r of results) if (r.candidates.length === 1) claims.set(r.candidates[0]!, (claims.get(r.candidates[0]!) ?? 0) + 1);

  return results.map(({ record, candidates, matchType }): CompanyProposal => {
    const base = { externalId: record.externalId, psaName: record.name.slice(0, 500) || `PSA company ${record.externalId}`, psaDetail: companyDetail(record) };
    const suggest = (ids: readonly string[]) => ids.map((recordId) => ({ recordId, name: index.get(recordId)?.name ?? '', score: 1 })).sort(byName);
    if (candidates.length === 0) return { ...base, proposal: 'create', matchType: null, proposedRecordId: null, suggestions: [] };
    const only = candidates.length === 1 ? candidates[0]! : undefined;
    if (only && claims.get(only) === 1 && (decided.get(only) ?? record.externalId) === record.externalId) {
      return { ...base, proposal: 'link', matchType, proposedRecordId: only, suggestions: [] };
    }
    return { ...base, proposal: 'decide', matchType: null, proposedRecordId: null, suggestions: suggest(candidates) };
  });
}
