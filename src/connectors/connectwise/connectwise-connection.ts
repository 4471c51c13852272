import type { PsaHttpClient } from '../../psa/http/psa-http-client.js';
import { isPsaError, PsaError } from '../../psa/psa-error.js';
import type { CwCompanyInfo } from './connectwise-types.js';

export interface ConnectionCheck {
  http: PsaHttpClient;
  site: URL;
  companyId: string;
  headers: Record<string, string>;
  apiBase(info: CwCompanyInfo): Promise<string>;
  signal?: AbortSignal;
}

/** What each kind needs in the API member's security role, for the message when it is missing. */
const probes = [
  { path: 'company/companies', what: 'companies', permission: 'Companies > Company Maintenance (Inquire)' },
  { path: 'company/configurations', what: 'configurations', permission: 'Companies > Configurations (Inquire)' },
  { path: 'company/contacts', what: 'contacts', permission: 'Companies > Contacts (Inquire)' },
];

/**
 * Checks, in the order a person would fix them: the site answers as ConnectWise and knows the company id
 * (companyinfo, no credentials), the keys and clientId are accepted, and the API member may read each kind.
 * Every failure is a PsaError whose message says what to change.
 */
export async function checkConnection(check: ConnectionCheck): Promise<{ message: string }> {
  const { http, site, companyId, headers, signal } = check;
  let info: CwCompanyInfo;
  try {
    info = (await http.request<CwCompanyInfo>({ url: `${site.origin}/login/companyinfo/${encodeURIComponent(companyId)}`, signal })).body ?? {};
  } catch (error) {
    throw explainCompanyInfoFailure(error, site, companyId);
  }
  if (!info.Codebase) {
    throw new PsaError('config', `${site.origin} answered, but not as a ConnectWise PSA site (no codebase in its company info). Check the URL.`);
  }
  const apiBase = await check.apiBase(info);
  for (const probe of probes) {
    try {
      await http.request({ url: `${apiBase}/${probe.path}?pageSize=1&fields=id`, headers, signal });
    } catch (error) {
      throw explainApiFailure(error, probe, companyId, apiBase);
    }
  }
  const name = info.CompanyName ? `"${info.CompanyName}"` : `company "${companyId}"`;
  const version = info.VersionCode ? ` ${info.VersionCode}` : '';
  return { message: `Connected to ConnectWise PSA${version} at ${site.host} for ${name}; companies, configurations and contacts are readable.` };
}

function explainCompanyInfoFailure(error: unknown, site: URL, companyId: string): unknown {
  if (!isPsaError(error)) return error;
  switch (error.errorClass) {
    case 'not_found':
      return new PsaError('config', `ConnectWise at ${site.host} does not know the company id "${companyId}". Use the company id you type on the ConnectWise login screen.`, error.details);
    case 'transient':
    case 'rate_limited':
      return new PsaError(error.errorClass, `Could not reach ConnectWise at ${site.origin}: ${error.message} Check the URL (e.g. https://api-na.myconnectwise.net) and that this server can reach it.`, error.details);
    case 'bad_response':
      return new PsaError('config', `${site.origin} did not answer like a ConnectWise PSA site. Check the URL.`, error.details);
    default:
      return new PsaError('config', `${site.origin} refused the company info request (${error.details.status ?? 'error'}). Check the URL.`, error.details);
  }
}

function explainApiFailure(error: unknown, probe: (typeof probes)[number], companyId: string, apiBase: string): unknown {
  if (!isPsaError(error)) return error;
  switch (error.errorClass) {
    case 'auth':
      return new PsaError(
        'auth',
        `ConnectWise refused the API keys for company "${companyId}" (401). Check the public and private key (System > Members > API Members > API Keys), that the API member is active, and the clientId.`,
        error.details,
      );
    case 'permission':
      return new PsaError('permission', `The API member may not read ${probe.what} (403). Give its security role ${probe.permission}.`, error.details);
    case 'not_found':
      return new PsaError('config', `ConnectWise has no ${probe.path} at ${apiBase} (404). Check the API URL and codebase.`, error.details);
    default:
      return error;
  }
}
