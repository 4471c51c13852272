import { describe, expect, it } from 'vitest';
import type { CanonicalConfiguration, CanonicalContact, CanonicalOrganization } from '../../psa/canonical.js';
import { exactName, MatchIndex, normalizeName, type LocalCandidate } from './matching.js';

const organization = (name: string): CanonicalOrganization => ({
  kind: 'organization',
  externalId: '10',
  name,
  type: null,
  status: null,
  parentExternalId: null,
  updatedAt: null,
  active: true,
  deleted: false,
  fields: { name, website: null, phone: null, address: null, city: null, region: null, postalCode: null, country: null },
});

const configuration = (name: string, serialNumber: string | null, typeName: string | null = 'Managed Server'): CanonicalConfiguration => ({
  kind: 'configuration',
  externalId: '500',
  name,
  type: typeName === null ? null : { id: '3', name: typeName },
  status: null,
  parentExternalId: '10',
  updatedAt: null,
  active: true,
  deleted: false,
  fields: { name, serialNumber, assetTag: null, hostname: null, macAddress: null, ipAddress: null, manufacturer: null, model: null, operatingSystem: null, warrantyExpiresOn: null },
});

const contact = (firstName: string, lastName: string, email: string | null): CanonicalContact => ({
  kind: 'contact',
  externalId: '700',
  name: `${firstName} ${lastName}`,
  type: null,
  status: null,
  parentExternalId: '10',
  updatedAt: null,
  active: true,
  deleted: false,
  fields: { firstName, lastName, title: null, email, phone: null, mobile: null },
});

const localOrg = (recordId: string, name: string): LocalCandidate => ({ recordId, name, organizationId: null });
const localConfig = (recordId: string, name: string, serialNumber: string | null, typeName: string | null = 'Managed Server', organizationId = 'org-1'): LocalCandidate => ({
  recordId,
  name,
  organizationId,
  serialNumber,
  typeName,
});
const localContact = (recordId: string, firstName: string, lastName: string, email: string | null, organizationId = 'org-1'): LocalCandidate => ({
  recordId,
  name: `${firstName} ${lastName}`,
  organizationId,
  firstName,
  lastName,
  email,
});

describe('normalizeName', () => {
  it.each([
    ['case', 'ACME Dental', 'acme dental'],
    ['surrounding and inner spaces', '  Acme    Dental  ', 'acme dental'],
    ['accents', 'Müller Zürich Société', 'muller zurich societe'],
    ['punctuation', 'Acme-Dental, (North)!', 'acme dental north'],
    ['"&" is "and"', 'Smith & Sons', 'smith and sons'],
    ['"&" without spaces', 'Smith&Sons', 'smith and sons'],
    ['a trailing legal form', 'Acme, Inc.', 'acme'],
    ['several trailing legal forms', 'Acme Holdings Pty Ltd', 'acme holdings'],
    ['GmbH', 'Müller & Söhne GmbH', 'muller and sohne'],
    ['a legal form in the middle stays', 'Co Operative Bank', 'co operative bank'],
    ['a leading "The"', 'The Acme Company', 'acme'],
    ['"The" alone stays', 'The', 'the'],
    ['a legal form alone stays', 'Inc', 'inc'],
    ['Greek letters survive, accents off', 'Ελληνική Εταιρεία', 'ελληνικη εταιρεια'],
    ['nothing but punctuation', '—!?', ''],
  ])('%s: %j → %j', (_label, input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  it('keeps a word with a non-Latin combining mark in one piece (Japanese ゙ ゚, Devanagari)', () => {
    // NFKD splits プ into フ + U+309A; a mark outside U+0300–036F must not become a word break.
    expect(normalizeName('株式会社サンプル')).not.toMatch(/\s/);
    expect(normalizeName('हिन्दी')).not.toMatch(/\s/);
  });

  it('makes "Acme, Inc." and "ACME Inc" the same company, but not "Acme Dental" and "Acme"', () => {
    expect(normalizeName('Acme, Inc.')).toBe(normalizeName('ACME Inc'));
    expect(normalizeName('Acme Dental')).not.toBe(normalizeName('Acme'));
  });

  it('exactName only folds case and surrounding spaces', () => {
    expect(exactName('  ACME Inc ')).toBe('acme inc');
    expect(exactName('Acme, Inc.')).not.toBe(exactName('ACME Inc'));
  });
});

describe('MatchIndex: organizations', () => {
  it('finds an exact name regardless of case and surrounding spaces', () => {
    const index = new MatchIndex([localOrg('a', ' acme dental ')]);
    expect(index.match(organization('ACME Dental'), null)).toEqual({ candidates: ['a'], matchType: 'exact' });
  });

  it('falls back to the normalized name', () => {
    const index = new MatchIndex([localOrg('a', 'ACME Inc')]);
    expect(index.match(organization('Acme, Inc.'), null)).toEqual({ candidates: ['a'], matchType: 'normalized' });
  });

  it('prefers an exact match over normalized ones', () => {
    const index = new MatchIndex([localOrg('near', 'ACME Inc'), localOrg('exact', 'Acme, Inc.')]);
    expect(index.match(organization('Acme, Inc.'), null)).toEqual({ candidates: ['exact'], matchType: 'exact' });
  });

  it('returns every candidate when the name is ambiguous, exact or normalized', () => {
    const exact = new MatchIndex([localOrg('a', 'Acme Dental'), localOrg('b', 'ACME DENTAL'), localOrg('c', 'Other')]);
    expect(exact.match(organization('Acme Dental'), null).candidates.sort()).toEqual(['a', 'b']);
    const near = new MatchIndex([localOrg('a', 'Acme LLC'), localOrg('b', 'ACME Ltd.')]);
    expect(near.match(organization('Acme Inc'), null)).toEqual({ candidates: ['a', 'b'], matchType: 'normalized' });
  });

  it('matches nothing for an unrelated name, nor for a name that normalizes to nothing', () => {
    const index = new MatchIndex([localOrg('a', 'Acme Dental'), localOrg('b', '!!!')]);
    expect(index.match(organization('Globex'), null)).toEqual({ candidates: [], matchType: null });
    expect(index.match(organization('???'), null)).toEqual({ candidates: [], matchType: null });
  });

  it('remove() takes a record out of every key, and tolerates unknown ids', () => {
    const index = new MatchIndex([localOrg('a', 'Acme Inc'), localOrg('b', 'Acme Inc')]);
    expect(index.size).toBe(2);
    index.remove('a');
    index.remove('nope');
    expect(index.size).toBe(1);
    expect(index.get('a')).toBeUndefined();
    expect(index.get('b')?.name).toBe('Acme Inc');
    expect(index.match(organization('Acme Inc'), null).candidates).toEqual(['b']);
    expect(index.match(organization('ACME LLC'), null).candidates).toEqual(['b']);
    index.remove('b');
    expect(index.match(organization('Acme Inc'), null)).toEqual({ candidates: [], matchType: null });
  });
});

describe('MatchIndex: configurations', () => {
  it('matches by serial number within the organization, whatever the name', () => {
    const index = new MatchIndex([localConfig('c1', 'Old name', 'SN-1', 'Workstation')]);
    expect(index.match(configuration('ACME-DC01', 'sn-1'), 'org-1')).toEqual({ candidates: ['c1'], matchType: 'exact' });
  });

  it('falls back to name + type when the serial number finds nothing', () => {
    const index = new MatchIndex([localConfig('c1', 'acme-dc01', null)]);
    expect(index.match(configuration('ACME-DC01', 'SN-9'), 'org-1').candidates).toEqual(['c1']);
    expect(index.match(configuration('ACME-DC01', null), 'org-1').candidates).toEqual(['c1']);
  });

  it('needs the same type for a name match', () => {
    const index = new MatchIndex([localConfig('c1', 'ACME-DC01', null, 'Workstation')]);
    expect(index.match(configuration('ACME-DC01', null, 'Managed Server'), 'org-1').candidates).toEqual([]);
    const untyped = new MatchIndex([localConfig('c2', 'ACME-DC01', null, null)]);
    expect(untyped.match(configuration('ACME-DC01', null, null), 'org-1').candidates).toEqual(['c2']);
  });

  it('never matches two different serial numbers, even with the same name and type', () => {
    const index = new MatchIndex([localConfig('c1', 'ACME-DC01', 'SN-1')]);
    expect(index.match(configuration('ACME-DC01', 'SN-2'), 'org-1')).toEqual({ candidates: [], matchType: null });
  });

  it('never matches a record of another organization, or one whose PSA company is unresolved', () => {
    const index = new MatchIndex([localConfig('c1', 'ACME-DC01', 'SN-1', 'Managed Server', 'org-2')]);
    expect(index.match(configuration('ACME-DC01', 'SN-1'), 'org-1').candidates).toEqual([]);
    expect(index.match(configuration('ACME-DC01', 'SN-1'), null).candidates).toEqual([]);
    expect(index.match(configuration('ACME-DC01', 'SN-1'), 'org-2').candidates).toEqual(['c1']);
  });

  it('returns several candidates for duplicate serials or names', () => {
    const index = new MatchIndex([localConfig('c1', 'A', 'SN-1'), localConfig('c2', 'B', 'SN-1'), localConfig('c3', 'DUP', null), localConfig('c4', 'DUP', null)]);
    expect(index.match(configuration('X', 'SN-1'), 'org-1').candidates.sort()).toEqual(['c1', 'c2']);
    expect(index.match(configuration('DUP', null), 'org-1').candidates.sort()).toEqual(['c3', 'c4']);
  });

  it('remove() takes a configuration out of its serial and name keys', () => {
    const index = new MatchIndex([localConfig('c1', 'ACME-DC01', 'SN-1')]);
    index.remove('c1');
    expect(index.match(configuration('ACME-DC01', 'SN-1'), 'org-1').candidates).toEqual([]);
    expect(index.match(configuration('ACME-DC01', null), 'org-1').candidates).toEqual([]);
  });
});

describe('MatchIndex: contacts', () => {
  it('matches by email within the organization, whatever the name', () => {
    const index = new MatchIndex([localContact('p1', 'Maria', 'Lopez', 'Maria@Acme.example')]);
    expect(index.match(contact('Mary', 'Lopez-Smith', 'maria@acme.example'), 'org-1')).toEqual({ candidates: ['p1'], matchType: 'exact' });
  });

  it('falls back to first + last name', () => {
    const index = new MatchIndex([localContact('p1', 'maria', 'LOPEZ', null)]);
    expect(index.match(contact('Maria', 'Lopez', 'maria@acme.example'), 'org-1').candidates).toEqual(['p1']);
    expect(index.match(contact('Maria', 'Lopez', null), 'org-1').candidates).toEqual(['p1']);
    expect(index.match(contact('Maria', 'Garcia', null), 'org-1').candidates).toEqual([]);
  });

  it('never matches two different email addresses, even with the same name', () => {
    const index = new MatchIndex([localContact('p1', 'Maria', 'Lopez', 'maria@acme.example')]);
    expect(index.match(contact('Maria', 'Lopez', 'm.lopez@acme.example'), 'org-1')).toEqual({ candidates: [], matchType: null });
  });

  it('never matches a contact of another organization', () => {
    const index = new MatchIndex([localContact('p1', 'Maria', 'Lopez', 'maria@acme.example', 'org-2')]);
    expect(index.match(contact('Maria', 'Lopez', 'maria@acme.example'), 'org-1').candidates).toEqual([]);
    expect(index.match(contact('Maria', 'Lopez', 'maria@acme.example'), null).candidates).toEqual([]);
  });

  it('returns several candidates for namesakes and remove() takes one out', () => {
    const index = new MatchIndex([localContact('p1', 'Maria', 'Lopez', null), localContact('p2', 'Maria', 'Lopez', null)]);
    expect(index.match(contact('Maria', 'Lopez', null), 'org-1').candidates.sort()).toEqual(['p1', 'p2']);
    index.remove('p1');
    expect(index.match(contact('Maria', 'Lopez', null), 'org-1').candidates).toEqual(['p2']);
  });
});
