import type { Credentials, Provider } from '../../api/integrations';

export interface CredentialField {
  key: string;
  label: string;
  secret?: boolean;
  optional?: boolean;
  hint?: string;
}

/** What each PSA issues to an API integration, by the key names the server (and `psalink sim`) use. */
export const credentialFields: Record<Provider, CredentialField[]> = {
  connectwise: [
    { key: 'companyId', label: 'Company ID', hint: 'The company you sign in to ConnectWise with.' },
    { key: 'publicKey', label: 'Public key' },
    { key: 'privateKey', label: 'Private key', secret: true },
    { key: 'clientId', label: 'Client ID', hint: 'From developer.connectwise.com.' },
  ],
  autotask: [
    { key: 'username', label: 'API username' },
    { key: 'secret', label: 'Secret', secret: true },
    { key: 'integrationCode', label: 'Integration code', hint: 'The tracking identifier of your API integration.' },
  ],
  halo: [
    { key: 'clientId', label: 'Client ID' },
    { key: 'clientSecret', label: 'Client secret', secret: true },
    { key: 'tenant', label: 'Tenant', optional: true, hint: 'Only for hosted HaloPSA with several tenants.' },
  ],
};

/** The shape to paste, per PSA; the values are placeholders, never working credentials. */
export const credentialExamples: Record<Provider, string> = {
  connectwise: '{\n  "companyId": "yourcompany",\n  "publicKey": "…",\n  "privateKey": "…",\n  "clientId": "…"\n}',
  autotask: '{\n  "username": "api-user@yourcompany.example",\n  "secret": "…",\n  "integrationCode": "…"\n}',
  halo: '{\n  "clientId": "…",\n  "clientSecret": "…",\n  "tenant": "yourcompany"\n}',
};

export const baseUrlExamples: Record<Provider, string> = {
  connectwise: 'https://api-na.myconnectwise.net/v4_6_release/apis/3.0',
  autotask: 'https://webservices5.autotask.net/ATServicesRest/V1.0',
  halo: 'https://yourcompany.halopsa.com',
};

export type ParsedCredentials = { ok: true; value: Credentials } | { ok: false; message: string };

/**
 * The credentials text must be a JSON object of strings, exactly as the PSA or `psalink sim` prints it. Messages say
 * what is wrong in the admin's terms, not the parser's.
 */
export function parseCredentials(text: string): ParsedCredentials {
  if (!text.trim()) return { ok: false, message: 'Enter the credentials: a JSON object such as {"publicKey": "…"}, or fill in the fields above.' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^JSON\.parse: /, '') : '';
    return { ok: false, message: `This is not valid JSON${detail ? ` (${detail})` : ''}. Paste the object exactly as it was printed, with double quotes.` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: `The credentials must be a JSON object in braces { … }, not ${Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`}.` };
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return { ok: false, message: 'The JSON object is empty. It needs the credential fields of your PSA.' };
  const notText = entries.filter(([, v]) => typeof v !== 'string').map(([k]) => `"${k}"`);
  if (notText.length > 0) return { ok: false, message: `Every value must be text in double quotes; ${notText.join(', ')} ${notText.length === 1 ? 'is' : 'are'} not.` };
  return { ok: true, value: value as Credentials };
}

/** The named fields write into the same object the JSON shows; empty fields are left out rather than sent empty. */
export function withField(credentials: Credentials, key: string, value: string): Credentials {
  const next = { ...credentials };
  if (value === '') delete next[key];
  else next[key] = value;
  return next;
}

export const formatCredentials = (credentials: Credentials) => (Object.keys(credentials).length ? JSON.stringify(credentials, null, 2) : '');

/** Required keys still missing, so the form can say so before the server does. */
export const missingCredentials = (provider: Provider, credentials: Credentials) =>
  credentialFields[provider].filter((field) => !field.optional && !credentials[field.key]?.trim()).map((field) => field.label);
