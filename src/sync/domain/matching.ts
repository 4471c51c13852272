import type { CanonicalRecord } from '../../psa/canonical.js';

/*
 * Matching before creating (DESIGN.md "Matching before creating"): a PSA record without a link is matched to an
 * unlinked local record first. Organizations by name (exact, else normalized); configurations within their
 * organization by serial number, else name + type; contacts within their organization by email, else first + last
 * name. More than one candidate is ambiguous and goes to match review: never guessed.
 */

/** Legal forms that say nothing about which company it is: "Acme, Inc." and "ACME Inc" are one company. */
const legalForms = new Set(['inc', 'incorporated', 'llc', 'llp', 'ltd', 'limited', 'corp', 'corporation', 'co', 'company', 'gmbh', 'ag', 'bv', 'nv', 'plc', 'pty', 'pc', 'sa', 'sarl', 'srl', 'spa', 'ab', 'as', 'oy']);

/** Lower case, accents off, "&" as "and", punctuation and legal forms dropped, spaces collapsed. */
export function normalizeName(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  if (words[0] === 'the' && words.length > 1) words.shift();
  while (words.length > 1 && legalForms.has(words[words.length - 1]!)) words.pop();
  return words.join(' ');
}

/** Case and surrounding spaces only: what a person would call "the same name". */
export const exactName = (name: string) => name.trim().toLowerCase();

const clean = (value: string | null | undefined) => value?.trim().toLowerCase() || null;

/** An unlinked local record as matching sees it. */
export interface LocalCandidate {
  recordId: string;
  name: string;
  /** Configurations and contacts: their organization. */
  organizationId: string | null;
  /** Configurations: serial number and type name; contacts: email and first/last name. */
  serialNumber?: string | null;
  typeName?: string | null;
  email?: string | null;
  firstName?: string;
  lastName?: string;
}

export interface MatchResult {
  candidates: string[];
  matchType: 'exact' | 'normalized' | null;
}

/**
 * The unlinked local records of one kind, indexed by every key matching may use. Records get linked as a run goes:
 * `remove` takes them out so that no two PSA records can claim one local record.
 */
export class MatchIndex {
  private readonly byKey = new Map<string, Set<string>>();
  private readonly byId = new Map<string, LocalCandidate>();

  constructor(candidates: Iterable<LocalCandidate>) {
    for (const candidate of candidates) this.add(candidate);
  }

  get size() {
    return this.byId.size;
  }

  add(candidate: LocalCandidate) {
    this.byId.set(candidate.recordId, candidate);
    for (const key of localKeys(candidate)) {
      let ids = this.byKey.get(key);
      if (!ids) this.byKey.set(key, (ids = new Set()));
      ids.add(candidate.recordId);
    }
  }

  remove(recordId: string) {
    const candidate = this.byId.get(recordId);
    if (!candidate) return;
    this.byId.delete(recordId);
    for (const key of localKeys(candidate)) this.byKey.get(key)?.delete(recordId);
  }

  get(recordId: string): LocalCandidate | undefined {
    return this.byId.get(recordId);
  }

  /** Candidates for a PSA record; `organizationId` is the psalink organization its PSA company resolves to. */
  match(record: CanonicalRecord, organizationId: string | null): MatchResult {
    const ids = (key: string) => [...(this.byKey.get(key) ?? [])];
    if (record.kind === 'organization') {
      const exact = ids(`exact:${exactName(record.fields.name)}`);
      if (exact.length > 0) return { candidates: exact, matchType: 'exact' };
      const normalized = normalizeName(record.fields.name);
      const near = normalized ? ids(`norm:${normalized}`) : [];
      return { candidates: near, matchType: near.length > 0 ? 'normalized' : null };
    }
    if (!organizationId) return { candidates: [], matchType: null };
    if (record.kind === 'configuration') {
      const serial = clean(record.fields.serialNumber);
      if (serial) {
        const bySerial = ids(`serial:${organizationId}:${serial}`);
        if (bySerial.length > 0) return { candidates: bySerial, matchType: 'exact' };
      }
      // Two devices with different serial numbers are different devices, whatever their names.
      const byName = ids(`name:${organizationId}:${exactName(record.fields.name)}:${clean(record.type?.name) ?? ''}`).filter((id) => {
        const local = clean(this.byId.get(id)?.serialNumber);
        return !serial || !local || local === serial;
      });
      return { candidates: byName, matchType: byName.length > 0 ? 'exact' : null };
    }
    const email = clean(record.fields.email);
    if (email) {
      const byEmail = ids(`email:${organizationId}:${email}`);
      if (byEmail.length > 0) return { candidates: byEmail, matchType: 'exact' };
    }
    const byName = ids(`person:${organizationId}:${clean(record.fields.firstName) ?? ''}:${clean(record.fields.lastName) ?? ''}`).filter((id) => {
      const local = clean(this.byId.get(id)?.email);
      return !email || !local || local === email;
    });
    return { candidates: byName, matchType: byName.length > 0 ? 'exact' : null };
  }
}

function localKeys(candidate: LocalCandidate): string[] {
  const org = candidate.organizationId;
  if (org === null) {
    const normalized = normalizeName(candidate.name);
    return [`exact:${exactName(candidate.name)}`, ...(normalized ? [`norm:${normalized}`] : [])];
  }
  const keys: string[] = [];
  if (candidate.firstName !== undefined || candidate.lastName !== undefined) {
    const email = clean(candidate.email);
    if (email) keys.push(`email:${org}:${email}`);
    keys.push(`person:${org}:${clean(candidate.firstName) ?? ''}:${clean(candidate.lastName) ?? ''}`);
    return keys;
  }
  const serial = clean(candidate.serialNumber);
  if (serial) keys.push(`serial:${org}:${serial}`);
  keys.push(`name:${org}:${exactName(candidate.name)}:${clean(candidate.typeName) ?? ''}`);
  return keys;
}
