import type { PsaProvider, RecordKind } from './canonical.js';

export interface PsaRecordUrlInput {
  provider: PsaProvider;
  /** The integration's base URL exactly as stored (the API URL a person entered). */
  baseUrl: string;
  kind: RecordKind;
  /** The record's id in the PSA. */
  externalId: string;
  /** ConnectWise only: the company id typed on its login screen, so the link opens the right company. */
  companyId?: string | undefined;
}

/**
 * A link that opens one record in the PSA's own web UI, derived from the stored API URL alone (no PSA call, so
 * record pages stay fast); null when the UI's address cannot be told from it. A simulated integration gets the
 * same formula applied to the simulator's URL.
 */
export function psaRecordUrl(input: PsaRecordUrlInput): string | null {
  const base = parseBase(input.baseUrl);
  if (!base || !input.externalId.trim()) return null;
  switch (input.provider) {
    case 'connectwise':
      return connectWiseUrl(base, input.kind, input.externalId, input.companyId);
    case 'autotask':
      return autotaskUrl(base, input.kind, input.externalId);
    case 'halo':
      return haloUrl(base, input.kind, input.externalId);
  }
}

function parseBase(value: string): URL | null {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

const origin = (url: URL, hostname = url.hostname) => `${url.protocol}//${hostname}${url.port ? `:${url.port}` : ''}`;

/*
 * ConnectWise's "open record" router. The API lives on api-<region>.myconnectwise.net, the UI on <region>.myconnectwise.net
 * (on-premise servers serve both on one host). v4_6_release is ConnectWise's stable alias of the current codebase; a
 * base URL that names its codebase (…/v2025_1/apis/3.0) keeps it.
 */
const cwRecordTypes: Record<RecordKind, string> = { organization: 'CompanyFV', configuration: 'ConfigFV', contact: 'ContactFV' };

function connectWiseUrl(base: URL, kind: RecordKind, externalId: string, companyId: string | undefined): string {
  const codebase = base.pathname.split('/').find((segment) => /^v\d+_\d+(_release)?$/i.test(segment)) ?? 'v4_6_release';
  const url = new URL(`${origin(base, base.hostname.replace(/^api-/i, ''))}/${codebase}/services/system_io/router/openrecord.rails`);
  url.searchParams.set('locale', 'en_US');
  if (companyId?.trim()) url.searchParams.set('companyName', companyId.trim());
  url.searchParams.set('recordType', cwRecordTypes[kind]);
  url.searchParams.set('recid', externalId);
  return url.href;
}

/*
 * Autotask's ExecuteCommand API, on the tenant's zone UI (ww<N>.autotask.net). The zone is only known when the stored
 * URL names it (webservices<N>.autotask.net): the generic webservices.autotask.net answers for every zone, and a
 * link into the wrong zone fails, so there is no link then. Any other host is a simulator or proxy serving both.
 */
const atCommands: Record<RecordKind, { code: string; param: string }> = {
  organization: { code: 'OpenAccount', param: 'AccountID' },
  configuration: { code: 'OpenInstalledProduct', param: 'InstalledProductID' },
  contact: { code: 'OpenContact', param: 'ContactID' },
};

function autotaskUrl(base: URL, kind: RecordKind, externalId: string): string | null {
  const host = base.hostname.toLowerCase();
  let web: string;
  if (host.endsWith('.autotask.net')) {
    const zone = /^(?:webservices|ww)(\d+)\.autotask\.net$/.exec(host)?.[1];
    if (!zone) return null;
    web = `https://ww${zone}.autotask.net`;
  } else {
    web = origin(base);
  }
  const command = atCommands[kind];
  const url = new URL(`${web}/Autotask/AutotaskExtend/ExecuteCommand.aspx`);
  url.searchParams.set('Code', command.code);
  url.searchParams.set(command.param, externalId);
  return url.href;
}

/** HaloPSA's agent UI is served from the same root as its /api and /auth. */
function haloUrl(base: URL, kind: RecordKind, externalId: string): string {
  const root = `${origin(base)}${base.pathname.replace(/\/+$/, '').replace(/\/(api|auth)$/i, '')}`;
  const url = new URL(`${root}/${kind === 'configuration' ? 'assets' : 'customers'}`);
  if (kind === 'organization') url.searchParams.set('clientid', externalId);
  if (kind === 'contact') {
    url.searchParams.set('mainview', 'user');
    url.searchParams.set('userid', externalId);
  }
  if (kind === 'configuration') url.searchParams.set('id', externalId);
  return url.href;
}
