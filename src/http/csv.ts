import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { FastifyReply } from 'fastify';

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
}

/**
 * RFC 4180 CSV (CRLF, fields quoted when they hold a comma, quote or line break) as a stream. Cells starting with
 * = + - @ tab or CR get a leading single quote, so a spreadsheet shows them as text instead of running a formula
 * that a PSA record's name smuggled in.
 */
export function csvStream<T>(rows: AsyncIterable<T>, columns: CsvColumn<T>[]): Readable {
  const stringifier = stringify({ header: true, columns: columns.map((c) => c.header), record_delimiter: 'windows', escape_formulas: true });
  async function* records() {
    for await (const row of rows) yield columns.map((c) => c.value(row) ?? '');
  }
  // pipeline destroys the output on a failed read, so the client sees a broken download rather than a short file.
  pipeline(Readable.from(records()), stringifier, () => {});
  return stringifier;
}

/** Sends a CSV download; the name is built from safe parts only. */
export function sendCsv<T>(reply: FastifyReply, filename: string, rows: AsyncIterable<T>, columns: CsvColumn<T>[]) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`)
    .header('cache-control', 'no-store')
    .send(csvStream(rows, columns));
}
