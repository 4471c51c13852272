import type { PsaConnector, PsaProvider } from '../psa/canonical.js';
import type { PsaHttpOptions } from '../psa/http/psa-http-client.js';
import { PsaError } from '../psa/psa-error.js';
import { createAutotaskConnector } from './autotask/autotask-connector.js';
import { createConnectWiseConnector } from './connectwise/connectwise-connector.js';
import { createHaloConnector } from './halo/halo-connector.js';

export interface ConnectorConfig {
  baseUrl: string;
  /** Exactly the credentials object the PSA simulator prints (and the integration stores, encrypted). */
  credentials: Record<string, string>;
  http?: PsaHttpOptions;
}

/** The credential keys each PSA needs; a missing one is a configuration error a person can fix. */
export const requiredCredentials: Record<PsaProvider, readonly string[]> = {
  connectwise: ['companyId', 'publicKey', 'privateKey', 'clientId'],
  autotask: ['username', 'secret', 'integrationCode'],
  halo: ['clientId', 'clientSecret'],
};

/** The one place that knows which connector speaks which PSA. */
export function createConnector(provider: PsaProvider, config: ConnectorConfig): PsaConnector {
  const missing = requiredCredentials[provider].filter((key) => !config.credentials[key]);
  if (missing.length > 0) throw new PsaError('config', `The ${provider} credentials are missing ${missing.join(', ')}.`);
  switch (provider) {
    case 'connectwise': {
      const { companyId, publicKey, privateKey, clientId } = config.credentials as Record<string, string>;
      return createConnectWiseConnector({ ...config, credentials: { companyId: companyId!, publicKey: publicKey!, privateKey: privateKey!, clientId: clientId! } });
    }
    case 'autotask':
      return createAutotaskConnector(config);
    case 'halo':
      return createHaloConnector(config);
  }
}
