/**
 * Measured in its own process: one full listing of every kind through a connector, over loopback.
 * Prints {counts, seconds, peakRssMb} as its last line. Pages are counted and dropped: the connector must stream.
 */
import { createConnector } from '../src/connectors/create-connector.js';
import { recordKinds, type PsaProvider } from '../src/psa/canonical.js';

const [provider, baseUrl, credentialsJson] = process.argv.slice(2) as [PsaProvider, string, string];
const connector = createConnector(provider, { baseUrl, credentials: JSON.parse(credentialsJson) as Record<string, string> });

const started = performance.now();
const counts: Record<string, number> = {};
for (const kind of recordKinds) {
  let n = 0;
  for await (const page of connector.listRecords(kind)) n += page.length;
  counts[kind] = n;
}
const seconds = (performance.now() - started) / 1000;
// maxRSS is in kilobytes: the peak of this whole process, loader included.
console.log(JSON.stringify({ counts, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
