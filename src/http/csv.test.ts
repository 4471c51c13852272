import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { csvStream, type CsvColumn } from './csv.js';

interface Row {
  name: string;
  n: number | null;
}
const columns: CsvColumn<Row>[] = [
  { header: 'name', value: (r) => r.name },
  { header: 'n', value: (r) => r.n },
];
async function* rows(...items: Row[]) {
  yield* items;
}

describe('csvStream', () => {
  it('writes a header and CRLF records, quoting commas, quotes and line breaks as RFC 4180 says', async () => {
    const csv = await text(csvStream(rows({ name: 'plain', n: 1 }, { name: 'a, "b"\nc', n: null }), columns));
    expect(csv).toBe('name,n\r\nplain,1\r\n"a, ""b""\nc",\r\n');
  });

  it('prefixes cells that a spreadsheet would run as a formula with a single quote', async () => {
    const names = ['=1+2', '+1', '-1', '@SUM(A1)', '\tx', 'safe=1'];
    const csv = await text(csvStream(rows(...names.map((name) => ({ name, n: -5 }))), columns));
    expect(csv.split('\r\n').slice(1, -1)).toEqual(["'=1+2,-5", "'+1,-5", "'-1,-5", "'@SUM(A1),-5", "'\tx,-5", 'safe=1,-5']);
  });

  it('writes only the header for no rows, and fails the stream when reading the rows fails', async () => {
    expect(await text(csvStream(rows(), columns))).toBe('name,n\r\n');
    async function* broken() {
      yield { name: 'first', n: 1 };
      throw new Error('database gone');
    }
    await expect(text(csvStream(broken(), columns))).rejects.toThrow('database gone');
  });
});
