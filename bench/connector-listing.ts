/**
 * Measured in its own process: one full listing of every kind through a connector, over loopback — or, given a
 * `changedSince` ISO time, what an incremental sync lists: the records changed since then plus the id listing.
 * Prints {counts, seconds, peakRssMb} as its last line. Pages are counted and dropped: the connector must stream.
 */
import { createConnector } from '../src/connectors/create-connector.js';
import { recordKinds, type PsaProvider } from '../src/psa/canonical.js';

const [provider, baseUrl, credentialsJson, changedSinceIso] = process.argv.slice(2) as [PsaProvider, string, string, string | undefined];
const changedSince = changedSinceIso ? new Date(changedSinceIso) : undefined;
const connector = createConnector(provider, { baseUrl, credentials: JSON.parse(credentialsJson) as Record<string, string> });

const started = performance.now();
const counts: Record<string, number> = {};
for (const kind of recordKinds) {
  let n = 0;
  for await (const page of connector.listRecords(kind, { changedSince })) n += page.length;
  if (changedSince) for await (const page of connector.listIds(kind)) n += page.length;
  counts[kind] = n;
}
const seconds = (performance.now() - started) / 1000;
// maxRSS is in kilobytes: the peak of this whole process, loader included.
console.log(JSON.stringify({ counts, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
