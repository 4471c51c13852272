import { describe, expect, it } from 'vitest';
import { activeFlags, bindQuery, listParams, orderKeys } from './halo-query.js';

describe('Halo query binding', () => {
  it('binds names without case, booleans in any case, integers and lists', () => {
    const bound = bindQuery({ PageInate: 'TRUE', page_size: '25', Page_No: '3', assettypes: '1, 2,3' }, { ...listParams, assettypes: 'intlist' });
    expect(bound).toEqual({ ok: true, values: { pageinate: true, page_size: 25, page_no: 3, assettypes: [1, 2, 3] } });
  });

  it('refuses values that do not bind, as ASP.NET does, and ignores unknown parameters', () => {
    expect(bindQuery({ pageinate: 'yes' }, listParams)).toEqual({ ok: false, message: "The value 'yes' is not valid for pageinate." });
    expect(bindQuery({ page_size: '1.5' }, listParams).ok).toBe(false);
    expect(bindQuery({ page_size: '99999999999' }, listParams).ok).toBe(false);
    expect(bindQuery({ whatever: 'x', count: '' }, listParams)).toEqual({ ok: true, values: {} });
  });

  it('takes the first value of a repeated parameter', () => {
    expect(bindQuery({ count: ['5', '7'] }, listParams)).toEqual({ ok: true, values: { count: 5 } });
  });

  it('defaults to active records only; includeinactive and activeinactive widen or narrow it', () => {
    expect(activeFlags({})).toEqual({ active: true, inactive: false });
    expect(activeFlags({ includeinactive: true })).toEqual({ active: true, inactive: true });
    expect(activeFlags({ activeinactive: 'false,true' })).toEqual({ active: false, inactive: true });
    expect(activeFlags({ includeinactive: true, activeinactive: ',false' })).toEqual({ active: true, inactive: false });
    expect(activeFlags({ activeinactive: 'maybe' })).toBeUndefined();
  });

  it('reads up to five order keys with their directions', () => {
    expect(orderKeys({ order: 'Name', order2: 'id', orderdesc2: true, order4: ' ' })).toEqual([
      { field: 'name', desc: false },
      { field: 'id', desc: true },
    ]);
  });
});
