import { describe, expect, it } from 'vitest';
import type { CanonicalOrganization } from '../psa/canonical.js';
import { MatchIndex } from '../sync/domain/matching.js';
import { companyDetail, proposeMatches } from './propose-matches.js';

const company = (externalId: string, name: string, fields: Partial<CanonicalOrganization['fields']> = {}): CanonicalOrganization => ({
  kind: 'organization',
  externalId,
  name,
  type: null,
  status: null,
  parentExternalId: null,
  updatedAt: null,
  active: true,
  deleted: false,
  fields: { name, website: null, phone: null, address: null, city: null, region: null, postalCode: null, country: null, ...fields },
});

const index = (...names: [string, string][]) => new MatchIndex(names.map(([recordId, name]) => ({ recordId, name, organizationId: null })));

describe('proposeMatches', () => {
  it('links one exact or normalized candidate, asks about several, and creates without any', () => {
    const local = index(['a', 'acme dental'], ['w', 'Wonka Logistics'], ['i1', 'Initech'], ['i2', 'INITECH']);
    const proposals = proposeMatches([company('1', 'Acme Dental'), company('2', 'Wonka Logistics, Ltd.'), company('3', 'Initech'), company('4', 'Globex')], local, new Map());
    expect(proposals.map((p) => [p.externalId, p.proposal, p.matchType, p.proposedRecordId])).toEqual([
      ['1', 'link', 'exact', 'a'],
      ['2', 'link', 'normalized', 'w'],
      ['3', 'decide', null, null],
      ['4', 'create', null, null],
    ]);
    // By name (case aside), then id.
    expect(proposals[2]!.suggestions).toEqual([
      { recordId: 'i1', name: 'Initech', score: 1 },
      { recordId: 'i2', name: 'INITECH', score: 1 },
    ]);
  });

  it('sends two companies that would take one record to a person, as the sync planner does', () => {
    const proposals = proposeMatches([company('1', 'Acme'), company('2', 'ACME Inc')], index(['a', 'Acme']), new Map());
    expect(proposals.map((p) => [p.proposal, p.suggestions.map((s) => s.recordId)])).toEqual([
      ['decide', ['a']],
      ['decide', ['a']],
    ]);
  });

  it('does not offer a record an admin already gave to another company, but keeps its own', () => {
    const local = index(['a', 'Acme']);
    expect(proposeMatches([company('1', 'Acme')], local, new Map([['a', '9']]))[0]!.proposal).toBe('decide');
    expect(proposeMatches([company('1', 'Acme')], local, new Map([['a', '1']]))[0]).toMatchObject({ proposal: 'link', proposedRecordId: 'a' });
  });

  it('describes where a company is, or its website, or nothing', () => {
    expect(companyDetail(company('1', 'A', { address: '1 Main Street', city: 'Denver', country: 'United States' }))).toBe('1 Main Street, Denver, United States');
    expect(companyDetail(company('1', 'A', { website: 'https://a.example' }))).toBe('https://a.example');
    expect(companyDetail(company('1', 'A', { city: '  ' }))).toBeNull();
  });
});
